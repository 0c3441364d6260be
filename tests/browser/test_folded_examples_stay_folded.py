"""A folded example stays folded on the next visit (localStorage), in every prep."""

import pytest
from playwright.sync_api import expect

from testsupport.factories import prep_create

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_folded_example_stays_folded_on_the_next_visit(page, live_server, prep, log_in):
    log_in(prep.owner)
    page.goto(live_server.url + prep.get_absolute_url())
    examples = page.locator("details.example")
    first, second = examples.nth(0), examples.nth(1)
    expect(first).to_have_attribute("open", "")
    first.locator("summary").click()
    expect(first).not_to_have_attribute("open", "")

    page.reload()
    expect(first).not_to_have_attribute("open", "")
    expect(second).to_have_attribute("open", "")  # only the one folded

    other = prep_create(owner=prep.owner, worksheet=prep.worksheet, meeting_title="Second meeting")
    page.goto(live_server.url + other.get_absolute_url())
    expect(page.locator("details.example").first).not_to_have_attribute("open", "")

    page.locator("details.example").first.locator("summary").click()  # unfolded again
    page.goto(live_server.url + prep.get_absolute_url())
    expect(page.locator("details.example").first).to_have_attribute("open", "")


def test_examples_open_when_storage_holds_junk(page, live_server, prep, log_in):
    log_in(prep.owner)
    page.evaluate("localStorage.setItem('prepmeet.folded-examples', '{not json')")
    page.goto(live_server.url + prep.get_absolute_url())
    expect(page.locator("details.example").first).to_have_attribute("open", "")
    page.locator("details.example").first.locator("summary").click()
    page.reload()
    expect(page.locator("details.example").first).not_to_have_attribute("open", "")
