"""Playwright in Debian's Chromium (`playwright install` cannot download browsers on these machines)."""

import json
import warnings
from pathlib import Path
from urllib.parse import urljoin

import pytest

from testsupport.artifacts import AXE_REPORTS, ROOT, SCREENSHOTS
from testsupport.chromium import CHROMIUM, CHROMIUM_FLAGS
from testsupport.ci import RUNNING_IN_CI
from testsupport.factories import PASSWORD

# axe-core from the npm registry, pinned in package.json / package-lock.json; `make test` runs `npm ci`.
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_URL_PATH = "/__test__/axe.min.js"  # answered by the test's route, never by the app
# WCAG 2.0, 2.1 and 2.2 A and AA, plus axe's best practices (landmarks, heading order, region...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING_IMPACTS = {"serious", "critical"}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (make test installs it with apt-get when run as root)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


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
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url("**/preps/")

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
