"""In real Chromium, with the Content-Security-Policy enforced: the pages and the admin work and break no
rule, and the conflict box lets the user take the saved text or merge the two.

The accessibility audits bypass the policy to inject axe-core; these tests switch it back on.
"""

import pytest
from playwright.sync_api import expect

from preps.models import Answer
from preps.services import answer_save
from testsupport.factories import PASSWORD
from worksheets.models import Worksheet

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "bypass_csp": False}


@pytest.fixture
def csp_violations(page):
    """Every message Chromium logs about a refused script, style, image, font or connection."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def test_pages_run_under_the_policy_with_no_violation(page, live_server, prep, log_in, csp_violations):
    response = page.goto(live_server.url + "/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    for path in ("/faq/", "/accounts/signup/", "/accounts/password_reset/"):
        page.goto(live_server.url + path)
    log_in(prep.owner)
    page.goto(live_server.url + prep.get_absolute_url())
    page.get_by_role("textbox", name="My answers").first.fill("Typed under the policy")
    expect(page.locator("#save-summary")).to_have_text("All changes saved", timeout=30_000)  # fetch() allowed
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    assert csp_violations == []


def test_the_admin_works_under_the_policy(page, live_server, staff, worksheet, csp_violations):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(staff.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Worksheet content")).to_be_visible()

    # The admin's own scripts run: the slug fills itself in from the title (prepopulated_fields).
    page.goto(live_server.url + "/admin/worksheets/worksheet/add/")
    page.get_by_label("Title:", exact=True).press_sequentially("After the First Month")  # keyup events
    expect(page.get_by_label("Slug:", exact=True)).to_have_value("after-the-first-month")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert Worksheet.objects.filter(slug="after-the-first-month").exists()

    # An inline's "Add another" link is made by the admin's JavaScript.
    page.goto(live_server.url + f"/admin/worksheets/worksheet/{worksheet.pk}/change/")
    questions = page.locator("#questions-group .inline-related:not(.empty-form)")
    before = questions.count()
    page.locator("#questions-group .add-row a").click()
    expect(questions).to_have_count(before + 1)
    assert csp_violations == []


def conflict(page, live_server, prep, log_in, mine):
    """This window's text is ``mine``; meanwhile another window saved "Saved elsewhere"."""
    log_in(prep.owner)
    page.goto(live_server.url + prep.get_absolute_url())
    answer_save(
        prep=prep, question=prep.worksheet.questions.get(position=1), text="Saved elsewhere", base_version=0
    )
    page.get_by_role("textbox", name="My answers").first.fill(mine)
    box = page.locator("#question-1 [data-conflict-for] [data-conflict]")
    expect(box).to_contain_text("changed in another window", timeout=30_000)
    expect(box.locator(".conflict-theirs .conflict-text")).to_have_text("Saved elsewhere")
    expect(page.get_by_role("textbox", name="My answers").first).to_have_value(mine)


def test_conflict_use_the_saved_text(page, live_server, prep, log_in):
    conflict(page, live_server, prep, log_in, "Typed here")
    page.get_by_role("button", name="Keep theirs").click()
    box = page.get_by_role("textbox", name="My answers").first
    expect(box).to_have_value("Saved elsewhere")
    page.reload()
    expect(page.get_by_role("textbox", name="My answers").first).to_have_value("Saved elsewhere")
    assert Answer.objects.get().text == "Saved elsewhere"


def test_conflict_merge_both_texts_then_keep(page, live_server, prep, log_in):
    conflict(page, live_server, prep, log_in, "Typed here")
    box = page.get_by_role("textbox", name="My answers").first
    box.fill("Saved elsewhere + Typed here")  # the user copies what they need into their box
    page.get_by_role("button", name="Keep mine").click()
    expect(page.locator("#save-summary")).to_have_text("All changes saved", timeout=30_000)
    stored = Answer.objects.get()
    assert (stored.text, stored.version) == ("Saved elsewhere + Typed here", 2)
