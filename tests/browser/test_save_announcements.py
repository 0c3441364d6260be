"""Save announcements: the save summary (the page's live region) says what the user must know, once."""

import time

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

RECORD = """() => {
  window.__said = [];
  const summary = document.getElementById("save-summary");
  new MutationObserver(() => window.__said.push(summary.textContent)).observe(
    summary, {childList: true, characterData: true, subtree: true});
}"""


def open_fill_page(page, live_server, prep, log_in):
    log_in(prep.owner)
    page.goto(live_server.url + prep.get_absolute_url())
    page.evaluate(RECORD)
    posts = []
    page.on("request", lambda request: posts.append(request) if request.method == "POST" else None)
    return posts


def said(page):
    return page.evaluate("window.__said")


def test_a_signed_out_save_says_what_to_do_once_and_stops_retrying(page, live_server, prep, log_in):
    posts = open_fill_page(page, live_server, prep, log_in)
    Session.objects.all().delete()  # the session ended
    page.get_by_role("textbox", name="My answers").first.fill("Typed after the session ended")
    summary = page.locator("#save-summary")
    expect(summary).to_contain_text("signed out", timeout=30_000)
    expect(summary).to_contain_text("reload")
    time.sleep(5)  # retries would come after 1 s, 2 s, 4 s
    assert len(posts) == 1, [p.url for p in posts]
    announcements = said(page)
    assert sum("signed out" in text for text in announcements) == 1, announcements
    assert not any("retrying" in text for text in announcements), announcements


def test_an_out_of_date_page_says_reload_once_and_stops_retrying(page, live_server, prep, log_in):
    posts = open_fill_page(page, live_server, prep, log_in)
    # The page's CSRF token no longer matches (as after logging in again in another tab).
    page.route(
        "**/answers/**",
        lambda route: route.continue_(headers={**route.request.headers, "x-csrftoken": "x" * 32}),
    )
    page.get_by_role("textbox", name="My answers").first.fill("Typed on an old page")
    summary = page.locator("#save-summary")
    expect(summary).to_contain_text("Reload the page", timeout=30_000)
    time.sleep(5)
    assert len(posts) == 1, [p.url for p in posts]
    announcements = said(page)
    assert sum("Reload the page" in text for text in announcements) == 1, announcements
    page.unroute("**/answers/**")  # no handler left running while the page closes


def test_each_retry_is_not_announced_again(page, live_server, prep, log_in):
    open_fill_page(page, live_server, prep, log_in)
    page.context.set_offline(True)
    page.get_by_role("textbox", name="My answers").first.fill("Typed offline")
    expect(page.locator("#save-summary")).to_have_text("Not saved — retrying", timeout=30_000)
    time.sleep(4)  # two more attempts
    page.context.set_offline(False)
    expect(page.locator("#save-summary")).to_have_text("All changes saved", timeout=15_000)
    announcements = said(page)
    assert announcements.count("Not saved — retrying") == 1, announcements
    assert announcements.count("Saving…") == 1, announcements  # the first attempt only


def test_typing_after_a_save_does_not_leave_all_changes_saved_up(page, live_server, prep, log_in):
    open_fill_page(page, live_server, prep, log_in)
    box = page.get_by_role("textbox", name="My answers").first
    box.fill("First words")
    summary = page.locator("#save-summary")
    expect(summary).to_have_text("All changes saved", timeout=30_000)
    box.press("End")
    box.type(" and more")
    assert summary.text_content() != "All changes saved"  # the change waits for the debounce
    expect(summary).to_have_text("All changes saved", timeout=30_000)
