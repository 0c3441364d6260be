"""Accessibility in real Chromium: axe-core audits of every page and state, and the whole flow by keyboard.

The audits fail on any violation of impact "serious" or "critical" (WCAG 2.0-2.2 A/AA and axe's best
practices); lesser findings are listed in pytest's warnings summary and every result is kept in
artifacts/axe/<page>.json.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from preps.models import MeetingPrep
from testsupport.factories import PASSWORD, prep_create

pytestmark = pytest.mark.django_db(transaction=True)


def answer_box(page, position: int = 1):
    return page.get_by_role("textbox", name=re.compile(r"^(My answers|Questions I can answer)")).nth(
        position - 1
    )


# --- axe-core audits ----------------------------------------------------------------------------------------


def test_public_pages_pass_axe(page, live_server, worksheet, axe_audit):
    for name, path in [
        ("home", "/"),
        ("faq", "/faq/"),
        ("signup", "/accounts/signup/"),
        ("login", "/accounts/login/"),
        ("password-reset", "/accounts/password_reset/"),
        ("404", "/no-such-page/"),
    ]:
        response = page.goto(live_server.url + path)
        assert response.status == (404 if name == "404" else 200)
        axe_audit(name)


def test_forms_with_errors_pass_axe_and_tie_errors_to_fields(page, live_server, worksheet, owner, axe_audit):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("E-mail address").fill("someone at example.org")
    page.get_by_label("First name").fill("Someone")
    page.get_by_role("button", name="Create account").click()
    email = page.get_by_label("E-mail address")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_be_focused()  # the page starts at the first field to fix
    expect(page).to_have_title(re.compile("^Error: "))
    # The error is announced with the field: its id is in the field's accessible description.
    expect(email).to_have_accessible_description(re.compile("valid email address"))
    axe_audit("signup-errors")

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(owner.username)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("correct username and password")
    axe_audit("login-errors")


def test_dashboard_forms_and_delete_confirmation_pass_axe(
    page, live_server, owner, worksheet, log_in, axe_audit
):
    log_in(owner)
    expect(page.get_by_role("heading", name="No meeting preps yet")).to_be_visible()
    axe_audit("dashboard-empty")

    page.get_by_role("link", name="Prepare your first meeting").click()
    page.get_by_label("Meeting title").fill("   ")  # blank once trimmed: the server says so on the field
    page.get_by_role("button", name="Start preparing").click()
    expect(page.get_by_label("Meeting title")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Meeting title")).to_be_focused()
    axe_audit("prep-new-errors")

    for title in ("Kickoff with 911 and police", "Second work group"):
        prep_create(owner=owner, worksheet=worksheet, meeting_title=title, program_name="CARE")
    page.goto(f"{live_server.url}/preps/")
    axe_audit("dashboard")

    prep = MeetingPrep.objects.filter(owner=owner).first()
    page.goto(f"{live_server.url}/preps/{prep.pk}/details/")
    axe_audit("prep-details")
    page.goto(f"{live_server.url}/preps/{prep.pk}/delete/")
    axe_audit("delete-confirm")

    page.goto(f"{live_server.url}/account/")
    axe_audit("account")
    page.goto(f"{live_server.url}/account/delete/")
    axe_audit("account-delete")


def test_fill_page_passes_axe_in_every_state(page, live_server, prep, log_in, axe_audit):
    log_in(prep.owner)
    page.goto(live_server.url + prep.get_absolute_url())
    axe_audit("fill-examples-open")

    for summary in page.locator("details.example > summary").all():
        summary.click()
    for summary in page.locator("aside details > summary").all():
        summary.click()  # tips and FAQ open
    axe_audit("fill-examples-closed-help-open")

    # Mid-save: the autosave request is held until the audit is done.
    held = []
    page.route("**/answers/**", lambda route: held.append(route))
    answer_box(page, 1).fill("Dana from 911, Chief Núñez, Deputy Chief Okafor.")
    expect(page.locator("#save-summary")).to_have_text("Saving…", timeout=30_000)
    axe_audit("fill-mid-save")
    for route in held:
        route.continue_()
    page.unroute("**/answers/**")
    expect(page.locator("#save-summary")).to_have_text("All changes saved", timeout=30_000)

    # After a failed save: the server answers 500, the page says so and retries.
    page.route("**/answers/**", lambda route: route.fulfill(status=500, body="Server error"))
    answer_box(page, 2).fill("Text the server will not take")
    expect(page.locator("#save-summary")).to_have_text("Not saved — retrying", timeout=30_000)
    axe_audit("fill-failed-save")
    page.unroute("**/answers/**")
    expect(page.locator("#save-summary")).to_have_text("All changes saved", timeout=15_000)


def test_admin_pages_pass_axe(page, live_server, worksheet, staff, axe_audit):
    """Issue 11, point 10: the pages an admin uses, the login included."""
    page.goto(f"{live_server.url}/admin/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to the admin")
    axe_audit("admin-login")
    page.get_by_label("Username").fill(staff.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    group = worksheet.tip_groups.first()
    for name, path in [
        ("admin-worksheet-change", f"/admin/worksheets/worksheet/{worksheet.pk}/change/"),
        ("admin-faq-list", "/admin/worksheets/faqentry/"),
        ("admin-tipgroup-change", f"/admin/worksheets/tipgroup/{group.pk}/change/"),
    ]:
        assert page.goto(live_server.url + path).status == 200
        axe_audit(name)
    link = page.locator("div.breadcrumbs a").first
    assert link.evaluate("a => getComputedStyle(a).textDecorationLine") == "underline"


@pytest.mark.urls("tests.browser.error_urls")
def test_error_pages_pass_axe(page, live_server, axe_audit):
    for name, path, status in [
        ("403", "/test-errors/403/", 403),
        ("500", "/test-errors/500/", 500),
    ]:
        response = page.goto(live_server.url + path)
        assert response.status == status
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        axe_audit(name)


# --- Keyboard only ------------------------------------------------------------------------------------------

FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const label = el.labels && el.labels.length ? el.labels[0].innerText : '';
    return {
        tag: el.tagName.toLowerCase(),
        id: el.id,
        name: (el.getAttribute('aria-label') || label || el.innerText || el.value || '')
            .trim().replace(/\\s+/g, ' '),
        ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)
            || style.boxShadow !== 'none',
        visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight,
        order: [...document.querySelectorAll('*')].indexOf(el),
    };
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def tab(page, *, backwards: bool = False) -> dict:
    """Press Tab; the newly focused control must be on screen and show its focus ring.

    The browser scrolls smoothly and the ring fades in (Bootstrap's transitions), so both are waited for.
    """
    page.keyboard.press("Shift+Tab" if backwards else "Tab")
    try:
        page.wait_for_function(
            f"() => {{ const f = ({FOCUSED})(); return f.tag === 'body' || (f.visible && f.ring); }}"
        )
    except PlaywrightTimeoutError:
        now = focused(page)
        assert now["visible"], f"focus went to something off screen: {now}"
        raise AssertionError(f"no visible focus indicator on {now}") from None
    return focused(page)


def tab_to(page, name: str, limit: int = 60) -> dict:
    for _ in range(limit):
        now = tab(page)
        if now["name"].startswith(name):
            return now
    raise AssertionError(f"Tab never reached {name!r}")


def test_whole_flow_by_keyboard_alone(page, live_server, worksheet, axe_audit):
    page.goto(live_server.url)
    first = tab(page)
    assert first["name"] == "Skip to main content"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"

    tab_to(page, "Start preparing")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/signup/")
    assert focused(page)["id"] == "id_email"  # the form starts where the typing starts
    page.keyboard.type("carmen@example.org")
    for label, text in [("First name", "Carmen"), ("Last name", "")]:
        assert tab(page)["name"].startswith(label)
        page.keyboard.type(text)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    axe_audit("signup-done")

    # The e-mailed link: choose the password, which signs in (issue 13, point 8).
    link = re.search(r"https?://\S+/accounts/welcome/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose your password")
    axe_audit("signup-choose-password")
    tab_to(page, "New password")
    page.keyboard.type(PASSWORD)
    assert tab(page)["name"].startswith("New password confirmation")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    page.wait_for_url("**/preps/new/")
    tab_to(page, "Meeting title")
    page.keyboard.type("Kickoff with 911 and police")
    assert tab(page)["name"].startswith("Meeting date")
    page.keyboard.type("12032026")
    if tab(page)["id"] == "id_meeting_date":  # Chrome's calendar button, inside the date box, is a stop too
        tab(page)
    expect(page.locator("#id_meeting_date")).to_have_value("2026-12-03")  # typed as month, day, year
    assert focused(page)["name"].startswith("Program name")
    page.keyboard.type("CARE Team")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Question 1 of 4")
    tab_to(page, "Overview")  # from question 1's step, the page with all four
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kickoff with 911 and police")

    # Question 1: past Carmen's example (open), into the box; the save is announced politely.
    tab_to(page, "Carmen’s example")
    assert tab(page)["name"].startswith("My answers")
    page.keyboard.type("Dana from 911, Chief Núñez, and Deputy Chief Okafor.")
    summary = page.locator("#save-summary")
    expect(summary).to_have_attribute("aria-live", "polite")
    expect(summary).to_have_text("All changes saved", timeout=30_000)
    expect(answer_box(page, 1)).to_have_accessible_description(re.compile("Saved"))

    # Question 1's history link, then its roster (no one on it yet): the fields that add a person, then its
    # button. Not shared with anyone, the meeting prep has no comment boxes in the way.
    assert tab(page)["name"] == "History of question 1"
    assert tab(page)["name"] == "the work group’s people"  # the directory, named in the roster's help
    assert tab(page)["name"].startswith("Name (required)")
    assert tab_to(page, "Add to the roster", limit=6)["tag"] == "button"

    # Question 2: fold Carmen's example away with the keyboard, answer.
    example = page.locator("details.example").nth(1)
    assert tab(page)["name"] == "Carmen’s example"
    page.keyboard.press("Enter")
    expect(example).not_to_have_attribute("open", "")
    page.keyboard.press("Enter")
    expect(example).to_have_attribute("open", "")
    assert tab(page)["name"].startswith("My answers")
    page.keyboard.type("Dana brings the call data.")

    tab_to(page, "Save answers")
    page.keyboard.press("Enter")
    expect(summary).to_have_text("All changes saved", timeout=30_000)
    expect(page.locator("#answered-count")).to_have_text("2")

    # The sidebar: leave Carmen's examples out of the PDF and download it.
    tab_to(page, "Include Carmen’s examples")
    page.keyboard.press("Space")
    expect(page.get_by_label("Include Carmen’s examples")).not_to_be_checked()
    tab_to(page, "Download PDF")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.startswith("meeting-prep-kickoff-with-911-and-police")
    assert "examples=0" in download.value.url

    # The tips open from the keyboard.
    tab_to(page, "Tips for successful collaboration")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Invest in relationships")).to_be_visible()


def test_focus_follows_the_page_order_with_a_visible_ring(page, live_server, prep, log_in):
    log_in(prep.owner)
    page.goto(live_server.url + prep.get_absolute_url())
    stops = [tab(page)]
    while len(stops) < 80:
        now = tab(page)
        if now["tag"] == "body" or now["order"] <= stops[-1]["order"]:
            break
        stops.append(now)
    names = [stop["name"] for stop in stops]
    assert names[0] == "Skip to main content"
    assert len(stops) >= 15, names
    # Page order: header, breadcrumb, questions (example, then box), save, then the sidebar.
    order = [stop["order"] for stop in stops]
    assert order == sorted(order), names
    assert names.index("Save answers") < names.index("Download PDF")
    first_box = next(i for i, name in enumerate(names) if name.startswith("My answers"))
    assert names[first_box - 1] == "Carmen’s example"


HEADINGS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .filter(h => h.offsetParent !== null || h.closest('details'))
    .map(h => [Number(h.tagName[1]), h.textContent.trim().replace(/\\s+/g, ' ')])"""


def test_headings_form_an_outline_and_the_language_is_set(page, live_server, prep, log_in):
    log_in(prep.owner)
    for path in ("/", "/faq/", "/preps/", prep.get_absolute_url()):
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == "en"
        levels = [level for level, _ in page.evaluate(HEADINGS)]
        assert levels.count(1) == 1 and levels[0] == 1, (path, levels)
        assert all(after <= before + 1 for before, after in zip(levels, levels[1:], strict=False)), (
            path,
            levels,
        )
    outline = [tuple(heading) for heading in page.evaluate(HEADINGS)]  # the fill page, sidebar last
    assert [text for level, text in outline if level == 2][:4] == [
        f"{question.position}. {question.prompt}" for question in prep.worksheet.questions.all()
    ]
    assert (2, "Tips for successful collaboration with public safety stakeholders") in outline
    assert (3, "Invest in relationships") in outline  # a tips group, under the tips


def test_phone_menu_works_from_the_keyboard(page, live_server, prep, log_in):
    page.set_viewport_size({"width": 375, "height": 812})
    log_in(prep.owner)
    tab(page)  # skip link
    toggler = tab_to(page, "Main menu")
    assert toggler["tag"] == "button"
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Main menu")).to_have_attribute("aria-expanded", "true")
    assert tab(page)["name"] == "My meeting preps"
    assert tab(page)["name"] == "FAQ"
