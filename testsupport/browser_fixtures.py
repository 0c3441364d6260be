"""Playwright in Debian's Chromium (`playwright install` cannot download browsers on these machines): the
fixtures every folder of browser tests uses (tests/browser/, tests/checkers/), imported by their conftests."""

from pathlib import Path

import pytest

from .chromium import CHROMIUM, CHROMIUM_FLAGS


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (make test installs it with apt-get when run as root)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """The browser's language and time zone are fixed, not the machine's (Chromium takes them from LANG and
    TZ): a date box takes month/day/year as the keyboard test types it, numbers are grouped as in en-US, and
    the browser's clock is in the app's time zone."""
    from django.conf import settings

    return {**browser_context_args, "locale": "en-US", "timezone_id": settings.TIME_ZONE}


@pytest.fixture(autouse=True)
def _a_cache_of_its_own(private_cache):
    """Each browser test starts with an empty cache: the sign-up and reset throttles count per address in
    it, and every test signs up from the same loopback address."""
