"""A person's history in real Chromium: the owner and an editor each change a person's stance on the fill
page, the owner opens the person's history (the stance in words, who, when), restores her version and finds
it on the page, and the history keeps all three. axe finds nothing serious; screenshots at 1280 and 375 px
in artifacts/screenshots/."""

import pytest
from playwright.sync_api import expect

from preps.models import Stakeholder
from testsupport.artifacts import SCREENSHOTS
from testsupport.browser import log_in_on
from testsupport.factories import prep_create, share_create, stakeholder_create, user_create

pytestmark = pytest.mark.django_db(transaction=True)


def all_saved(page) -> None:
    expect(page.locator("#save-summary")).to_have_text("All changes saved", timeout=15_000)


def set_stance(page, url: str, person_pk: int, value: str) -> None:
    page.goto(url)
    page.locator(f"#p{person_pk}-stance").select_option(value)
    all_saved(page)


def test_two_people_change_a_stance_and_the_owner_restores_hers(
    browser, browser_context_args, page, live_server, worksheet, axe_audit
):
    owner = user_create("olivia", email_verified=True, first_name="Olivia", last_name="Reyes")
    cora = user_create("cora", email_verified=True, first_name="Cora", last_name="Diaz")
    prep = prep_create(owner=owner, worksheet=worksheet, meeting_title="Work group kickoff")
    share_create(prep=prep, user=cora, role="editor")
    person = stakeholder_create(prep=prep, name="Chief Ana Alvarez")
    fill_url = f"{live_server.url}/preps/{prep.pk}/"

    log_in_on(page, live_server.url, owner)
    set_stance(page, fill_url, person.pk, "supportive")
    cora_context = browser.new_context(**browser_context_args)
    cora_page = cora_context.new_page()
    log_in_on(cora_page, live_server.url, cora)
    set_stance(cora_page, fill_url, person.pk, "skeptical")
    cora_context.close()

    page.goto(fill_url)
    page.get_by_role("link", name="History of Chief Ana Alvarez").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("History of Chief Ana Alvarez")
    entries = page.locator(".history-list > li")
    expect(entries).to_have_count(2)
    expect(entries.nth(0)).to_contain_text("Current version")
    expect(entries.nth(0)).to_contain_text("Cora Diaz")
    expect(entries.nth(0)).to_contain_text("Skeptical")
    expect(entries.nth(1)).to_contain_text("Olivia Reyes")
    expect(entries.nth(1)).to_contain_text("Supportive")
    expect(entries.nth(0).get_by_role("button", name="Restore this version")).to_have_count(0)
    axe_audit("person-history")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENSHOTS / f"person-history-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    entries.nth(1).get_by_role("button", name="Restore this version").click()
    expect(page.locator(".alert-success")).to_contain_text("Restored an earlier version of Chief Ana Alvarez")
    expect(page.locator(f"#p{person.pk}-stance")).to_have_value("supportive")
    assert Stakeholder.objects.get(pk=person.pk).stance == "supportive"

    page.get_by_role("link", name="History of Chief Ana Alvarez").click()
    expect(entries).to_have_count(3)
    expect(entries.nth(0)).to_contain_text("restored an earlier version")
    expect(entries.nth(0)).to_contain_text("Supportive")
