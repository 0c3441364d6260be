"""A colleague removes her comment at once (no question asked), the page offers Undo beside the question, and
Undo puts the very comment back; she then comments again."""

import re

import pytest
from playwright.sync_api import expect

from sharing.models import Comment
from testsupport.factories import share_create, user_create

pytestmark = pytest.mark.django_db(transaction=True)

FIRST = "Ask the EMS data lead about the overtime numbers for the second quarter."
SECOND = "And the dispatch staffing plan."


def test_comment_remove_undo_and_comment_again(page, live_server, prep, log_in, screenshot):
    cora = user_create("cora", email_verified=True, first_name="Cora", last_name="Diaz")
    share_create(prep=prep, user=cora, role="commenter")
    question = prep.worksheet.questions.get(position=2)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(cora)
    page.goto(f"{live_server.url}/preps/{prep.pk}/")
    section = page.locator(f"#comments-q{question.pk}")

    section.get_by_label(re.compile("^Add a comment on question 2")).fill(FIRST)
    section.get_by_role("button", name=re.compile("^Add comment")).click()
    expect(page.get_by_text("Comment added.")).to_be_visible()
    expect(section.locator(".comment")).to_have_count(1)
    comment = Comment.objects.get()
    section.locator(".comment").scroll_into_view_if_needed()
    screenshot("comment-with-remove-1280", full_page=False)

    section.get_by_role("link", name=re.compile("^Remove")).click()
    notice = section.locator("[data-removed-notice]")
    expect(notice).to_have_text(
        re.compile("Removed “Ask the EMS data lead about the overtime…” from the comments.")
    )
    expect(section.locator(".comment")).to_have_count(0)
    assert not Comment.objects.exists()
    notice.scroll_into_view_if_needed()
    screenshot("removed-comment-1280", full_page=False)
    page.set_viewport_size({"width": 375, "height": 800})
    notice.scroll_into_view_if_needed()
    screenshot("removed-comment-375", full_page=False)
    page.set_viewport_size({"width": 1280, "height": 800})

    notice.get_by_role("button", name=re.compile("^Undo")).click()
    expect(page.get_by_text("Comment put back.")).to_be_visible()
    expect(section.locator(f"#comment-{comment.pk}")).to_contain_text(FIRST)
    expect(section.locator("[data-removed-notice]")).to_have_count(0)
    assert Comment.objects.get().author == cora

    section.get_by_label(re.compile("^Add a comment on question 2")).fill(SECOND)
    section.get_by_role("button", name=re.compile("^Add comment")).click()
    expect(page.get_by_text("Comment added.")).to_be_visible()
    expect(section.locator(".comment")).to_have_count(2)
    assert list(Comment.objects.values_list("text", flat=True)) == [FIRST, SECOND]
    assert dialogs == []
