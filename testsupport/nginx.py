"""Debian's nginx running the repository's recipe (``deploy/nginx/prepmeet.conf``) in front of a test's own
gunicorn, for tests/deploy/test_nginx.py and bench/proxy.py.

The recipe is used as written, with its placeholders filled in: the ports (of ``TEST_SERVER_PORTS``), a
self-signed certificate for 127.0.0.1, the static folder and the gunicorn address. Every replacement must
find its text, so a recipe edit that a test would no longer see fails here. Two of its values are raised:
the timeouts after which nginx drops a client still sending headers or a body, so a busy machine cannot make
a test's deliberately slow sockets close on their own. nginx runs in the foreground in its own process
group with everything (pid, logs, temporary files) in one folder; ``stop`` ends it.
"""

import os
import shutil
import signal
import socket
import subprocess
from pathlib import Path

import pytest

from testsupport.outages import free_port_in_range, wait_for

REPO = Path(__file__).resolve().parent.parent
RECIPE = REPO / "deploy" / "nginx" / "prepmeet.conf"


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found is None:
        pytest.skip("needs nginx (apt-get install nginx; scripts/ensure-system-packages)")
    return found


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    certificate, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1"]
        + ["-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(certificate)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return certificate, key


def _replaced(text: str, old: str, new: str) -> str:
    if old not in text:
        raise AssertionError(
            f"deploy/nginx/prepmeet.conf no longer holds {old!r}: update testsupport/nginx.py"
        )
    return text.replace(old, new)


def derived_config(
    *,
    folder: Path,
    upstreams: list[str],
    static_root: Path,
    http_port: int,
    https_port: int,
    edits: dict[str, str] | None = None,
    worker_processes: str = "1",
) -> str:
    """The recipe with its placeholders filled, inside the main configuration nginx needs to run alone.
    ``edits`` (old text: new text) are variants a benchmark compares, applied first."""
    certificate, key = self_signed_certificate(folder)
    site = RECIPE.read_text()
    for old, new in (edits or {}).items():
        site = _replaced(site, old, new)
    site = _replaced(site, "    server 127.0.0.1:8000;", "\n".join(f"    server {up};" for up in upstreams))
    site = _replaced(site, "    listen [::]:80;\n", "")
    site = _replaced(site, "    listen [::]:443 ssl http2;\n", "")
    site = _replaced(site, "listen 80;", f"listen 127.0.0.1:{http_port};")
    site = _replaced(site, "listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
    site = _replaced(site, "server_name prep.example.org;", "server_name 127.0.0.1;")
    site = _replaced(site, "/etc/ssl/certs/prep.example.org.pem", str(certificate))
    site = _replaced(site, "/etc/ssl/private/prep.example.org.key", str(key))
    site = _replaced(site, "alias /srv/prepmeet/staticfiles/;", f"alias {static_root}/;")
    site = _replaced(site, "client_header_timeout 10s;", "client_header_timeout 300s;")
    site = _replaced(site, "client_body_timeout 30s;", "client_body_timeout 300s;")
    user = "user root;" if os.geteuid() == 0 else ""  # the workers must read the test's folders
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}
daemon off;
worker_processes {worker_processes};
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {folder / "access.log"};
{temp}
{site}
}}
"""


def two_free_ports() -> tuple[int, int]:
    """HTTP's and HTTPS's, from ``TEST_SERVER_PORTS``: chosen before the app starts, which must know its
    origin (``CSRF_TRUSTED_ORIGINS``: nginx's port is not 443)."""
    first = free_port_in_range()
    second = free_port_in_range()
    while second == first:
        second = free_port_in_range()
    return first, second


def free_port_besides(taken: tuple[int, ...]) -> int:
    """A free port of ``TEST_SERVER_PORTS`` other than ``taken`` (nginx's, chosen before it listens)."""
    port = free_port_in_range()
    while port in taken:
        port = free_port_in_range()
    return port


class Nginx:
    """nginx on two ports (HTTP and HTTPS) in front of ``upstreams``."""

    def __init__(
        self,
        folder: Path,
        *,
        upstreams: list[str],
        static_root: Path,
        ports: tuple[int, int],
        edits: dict[str, str] | None = None,
        worker_processes: str = "1",
    ):
        self.binary = nginx_binary()
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.http_port, self.https_port = ports
        self.config = folder / "nginx.conf"
        self.config.write_text(
            derived_config(
                folder=folder,
                upstreams=upstreams,
                static_root=static_root,
                http_port=self.http_port,
                https_port=self.https_port,
                edits=edits,
                worker_processes=worker_processes,
            )
        )
        self.process: subprocess.Popen | None = None

    @property
    def https_url(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def _listening(self) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.https_port), timeout=1).close()
            return True
        except OSError:
            return False

    def start(self) -> "Nginx":
        subprocess.run([self.binary, "-t", "-q", "-c", str(self.config)], check=True, capture_output=True)
        self.process = subprocess.Popen(
            [self.binary, "-c", str(self.config), "-p", str(self.folder)],
            stdout=subprocess.DEVNULL,
            stderr=open(self.folder / "stderr.log", "ab"),  # noqa: SIM115 - the child holds it
            start_new_session=True,
        )
        # nginx writes its pid file once it holds its ports (it exits if one is taken).
        pid_file = self.folder / "nginx.pid"
        wait_for(lambda: pid_file.exists() or self.process.poll() is not None, timeout=30, what="nginx")
        wait_for(lambda: self._listening() or self.process.poll() is not None, timeout=30, what="nginx")
        if self.process.poll() is not None:
            raise RuntimeError(f"nginx exited: {(self.folder / 'error.log').read_text()[-2000:]}")
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # fast shutdown: drops open connections
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=15)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()
