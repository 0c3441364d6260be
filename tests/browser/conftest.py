"""Playwright in Debian's Chromium (`playwright install` cannot download browsers on these machines)."""

import json
import os
import shutil
import warnings
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from testsupport.artifacts import AXE_REPORTS, ROOT, SCREENSHOTS
from testsupport.browser import log_in_on
from testsupport.chromium import CHROMIUM, CHROMIUM_FLAGS
from testsupport.ci import RUNNING_IN_CI

from .fonts import LATIN_ONLY_FONT, fontconfig_with_only

# axe-core from the npm registry, pinned in package.json / package-lock.json; `make test` runs `npm ci`.
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_URL_PATH = "/__test__/axe.min.js"  # answered by the test's route, never by the app
# WCAG 2.0, 2.1 and 2.2 A and AA, plus axe's best practices (landmarks, heading order, region...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING_IMPACTS = {"serious", "critical"}

# Assertions retry until this many ms: Playwright's 5 s default fails a correct page on a machine busy enough
# to take longer (a PDF render, a page under load). A page that is wrong still fails, only later.
expect.set_options(timeout=20_000)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


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


@pytest.fixture
def context(context):
    """Actions (a click, a fill) wait up to 60 s for their element, not 30: see expect's timeout above."""
    context.set_default_timeout(60_000)
    return context


@pytest.fixture
def browser_without_system_fonts(browser_type, browser_type_launch_args, tmp_path_factory):
    """A second Chromium, with the same flags, whose Fontconfig knows one Latin-only font and none of the
    machine's: what it draws in Arabic, Hebrew, CJK or emoji comes from the page's web fonts or nowhere.

    Returns the browser and the directory of the one font it knows. (With no font at all Chromium aborts.)
    """
    home = tmp_path_factory.mktemp("no-system-fonts")
    fonts_dir = home / "fonts"
    fonts_dir.mkdir()
    shutil.copy(LATIN_ONLY_FONT, fonts_dir)
    config = home / "fonts.conf"
    config.write_text(fontconfig_with_only(fonts_dir, home / "cache"))
    browser = browser_type.launch(
        **browser_type_launch_args, env={**os.environ, "FONTCONFIG_FILE": str(config)}
    )
    yield browser, fonts_dir
    browser.close()


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under artifacts/screenshots/ for people to look at."""

    def take(name: str, *, full_page: bool = True):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=full_page)

    return take


@pytest.fixture
def log_in(page, live_server):
    def as_user(user):
        log_in_on(page, live_server.url, user)

    return as_user


class AxeFinding(UserWarning):
    """An axe-core violation of minor or moderate impact, or a check axe could not decide and a person should
    look at: listed in pytest's warnings summary, not fatal."""


@pytest.fixture(scope="session")
def axe_source() -> Path:
    if not AXE_JS.exists():
        message = "axe-core is not installed: run `npm ci` (make test does)"
        if RUNNING_IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return AXE_JS


@pytest.fixture
def axe_audit(page, axe_source):
    """Run axe-core on the page as it is now; fail on serious or critical violations, report the rest.

    Every result (violations, and checks axe could not decide) is written to artifacts/axe/<name>.json.
    """

    def audit(name: str) -> list[dict]:
        # Served as if from the site itself: the Content-Security-Policy (script-src 'self', no inline script)
        # stays on, so the audited page is the page people get.
        url = urljoin(page.url, AXE_URL_PATH)
        page.route(url, lambda route: route.fulfill(path=axe_source, content_type="text/javascript"))
        page.add_script_tag(url=url)
        results = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS,
        )
        AXE_REPORTS.mkdir(parents=True, exist_ok=True)
        report = {key: results[key] for key in ("url", "violations", "incomplete")}
        (AXE_REPORTS / f"{name}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
        blocking = []
        for violation in results["violations"]:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
            summary = f"{name}: [{violation['impact']}] {violation['id']}: {violation['help']} at {targets}"
            if violation["impact"] in BLOCKING_IMPACTS:
                blocking.append(summary)
            else:
                warnings.warn(summary, AxeFinding, stacklevel=2)
        for check in results["incomplete"]:
            summary = f"{name}: [needs review] {check['id']}: {check['help']}"
            warnings.warn(summary, AxeFinding, stacklevel=2)
        assert not blocking, "axe-core found serious or critical violations:\n" + "\n".join(blocking)
        return results["violations"]

    return audit


@pytest.fixture(autouse=True)
def _a_cache_of_its_own(private_cache):
    """Each browser test starts with an empty cache: the sign-up and reset throttles count per address in
    it, and every test signs up from the same loopback address."""
