"""Debian's Chromium, as the browser tests and the benchmarks start it (`playwright install` cannot download
browsers on these machines). Without the networking flags it keeps trying to reach the internet."""

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
