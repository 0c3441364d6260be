"""The account page's name form in Chromium (issue 24 point 6): a name that could carry a link into mail is
refused beside its field, announced with it, and the page passes axe."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_name_that_looks_like_a_link_is_refused_on_its_field(page, live_server, owner, log_in, axe_audit):
    log_in(owner)
    page.goto(f"{live_server.url}/account/")
    page.get_by_label("First name").fill("evil.example")
    page.get_by_role("button", name="Save my name").click()
    first_name = page.get_by_label("First name")
    expect(first_name).to_have_attribute("aria-invalid", "true")
    expect(first_name).to_have_accessible_description(re.compile("Put a space after a period"))
    expect(page).to_have_title(re.compile("^Error: "))
    axe_audit("account-name-errors")

    first_name.fill("Siobhán")
    page.get_by_label("Last name").fill("O'Brien")
    page.get_by_role("button", name="Save my name").click()
    expect(page.get_by_text("Your name is saved.")).to_be_visible()
    expect(page.get_by_label("Last name")).to_have_value("O'Brien")
