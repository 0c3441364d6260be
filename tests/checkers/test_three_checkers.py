"""Issue 28: every page a director, her colleagues (viewer, commenter, editor), an anonymous visitor and an
admin see, and the error pages, with 0 errors in three independent checkers: axe-core, HTML_CodeSniffer
(WCAG2AA) and the Nu HTML Checker (testsupport/page_checkers.py).

The pages are the permission matrix's GET routes that answer each role with a page
(testsupport/permission_matrix.py), in its world filled richly (testsupport/rich_world.py). One browser
context at 1280 px; each page is loaded once and checked by axe and HTML_CodeSniffer in place, and its HTML as
sent goes to vnu, which checks them all in one run at the end. Results: artifacts/checkers/<page>.json.
"""

import json

import pytest

from testsupport import page_checkers
from testsupport.artifacts import ARTIFACTS
from testsupport.browser import session_cookie
from testsupport.ci import RUNNING_IN_CI
from testsupport.permission_matrix import COLLEAGUES, MATRIX, OK
from testsupport.rich_world import world_build_rich

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.urls("tests.browser.error_urls")]

REPORTS = ARTIFACTS / "checkers"
ROLES = ("anonymous", "owner", *COLLEAGUES, "staff")
# Routes that answer with a file or data, not a page (a download would not load as a page; other data that
# comes back is recognised by its content type below).
# The power map's route answers the fragment its script redraws the map with.
NOT_PAGES = ("pdf/", ".pdf", "docx/", ".ics", "jsi18n/", "faq-suggestions/", "account/export/", "power-map/")
# The error pages, each once (a colleague short of rights gets the 403 page with its reason).
ERROR_PAGES = [
    ("anonymous", "/no-such-page/", 404),
    ("anonymous", "/invitations/accept/", 400),
    # The invited person's page (asks): no link in the session, then their link (redirected to the page).
    ("anonymous", "/ask/", 404),
    ("anonymous", "/ask/{ask_token}/", 200),
    ("viewer", "/preps/{prep}/details/", 403),
    ("anonymous", "/test-errors/403/", 403),
    ("anonymous", "/test-errors/500/", 500),
    ("staff", "/admin/no-such-page/", 404),
]


def pages_for(role: str) -> list[str]:
    """The paths of the matrix's routes that show ``role`` a page; a signed-in user is not shown the public
    pages again (the anonymous visitor sees them)."""
    paths = []
    for route, row in sorted(MATRIX.items()):
        if row.method != "get" or row.expect[role] != OK or any(part in route for part in NOT_PAGES):
            continue
        if role != "anonymous" and row.expect["anonymous"] == OK:
            continue
        paths.append(row.path)
    return paths


@pytest.fixture
def checkers():
    missing = page_checkers.missing_tools()
    if missing:
        message = f"the checkers are not installed: {', '.join(missing)} (npm ci; make test does)"
        if RUNNING_IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def test_every_page_has_no_errors_in_three_checkers(checkers, context, live_server, private_cache):
    world = world_build_rich()
    context.set_default_timeout(60_000)
    page_checkers.serve_scripts(context)
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 800})
    html_dir = REPORTS / "html"
    html_dir.mkdir(parents=True, exist_ok=True)
    visits = [(role, path, 200) for role in ROLES for path in pages_for(role)] + ERROR_PAGES
    findings, wrong_status, saved = [], [], {}
    current_role = None
    for role, path, status in visits:
        if role != current_role:
            context.clear_cookies()
            user = world["users"][role]
            if user is not None:
                context.add_cookies([session_cookie(user, live_server.url)])
            current_role = role
        url = path.format(**world["paths"])
        name = f"{role}{url}".rstrip("/").replace("/", "_")
        response = page.goto(live_server.url + url)
        if response.status != status:
            wrong_status.append(f"{role} {url}: {response.status}, expected {status}")
            continue
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue  # data, not a page (the JSON health probes)
        saved[name] = html_dir / f"{name}.html"
        saved[name].write_bytes(response.body())
        axe, axe_report = page_checkers.axe_errors(page, name)
        htmlcs, htmlcs_messages = page_checkers.htmlcs_errors(page, name)
        findings += axe + htmlcs
        page_checkers.write_report(
            REPORTS, name, {"url": url, "role": role, "axe": axe_report, "htmlcs": htmlcs_messages}
        )
    page.close()
    vnu, vnu_messages = page_checkers.vnu_check(saved)
    findings += vnu
    (REPORTS / "vnu.json").write_text(json.dumps(vnu_messages, indent=2, ensure_ascii=False))
    admin = [f for f in findings if "_admin" in f.page]
    summary = {
        "pages": len(saved),
        "app": page_checkers.counts([f for f in findings if f not in admin]),
        "admin": page_checkers.counts(admin),
    }
    (REPORTS / "summary.json").write_text(json.dumps(summary, indent=2))
    assert not wrong_status, "pages that did not answer as the matrix says:\n" + "\n".join(wrong_status)
    assert not findings, f"{len(findings)} errors ({summary}):\n" + page_checkers.findings_table(findings)
