"""On a phone, a link after the tips and FAQ leads back to the question being typed."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_link_after_the_faq_leads_back_to_the_question_being_written(page, live_server, prep, log_in):
    page.set_viewport_size({"width": 375, "height": 740})
    log_in(prep.owner)
    page.goto(live_server.url + prep.get_absolute_url())
    boxes = page.get_by_role("textbox", name="My answers")
    link = page.get_by_role("link", name="Back to question 1")
    expect(link).to_be_visible()
    boxes.nth(2).fill("Writing question 3")
    link = page.get_by_role("link", name="Back to question 3")
    faq = page.locator("#faq")
    assert link.bounding_box()["y"] > faq.bounding_box()["y"]  # after the FAQ
    link.click()
    expect(boxes.nth(2)).to_be_focused()
    expect(page).to_have_url(f"{live_server.url}{prep.get_absolute_url()}#question-3")
    expect(page.locator("#save-summary")).to_have_text("All changes saved", timeout=30_000)


def test_the_link_is_not_shown_beside_the_questions_on_a_wide_screen(page, live_server, prep, log_in):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(prep.owner)
    page.goto(live_server.url + prep.get_absolute_url())
    expect(page.locator("#back-to-question")).to_be_hidden()
