"""Sharing a meeting prep in real Chromium, with two browser contexts (two people, two computers).

The owner invites a colleague as viewer; the colleague accepts from the e-mail's link (Django's locmem
outbox), signing in on the way; she reads the prep and is refused on every write; the owner makes her a
commenter, she comments on question 2, the owner resolves it; as editor she edits an answer while the owner
has it open, and the owner's conflict choice names her; the owner restores the earlier text from the
history; after revocation every URL of that prep answers her 404.
"""

import re

import pytest
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver
from playwright.sync_api import expect

from preps.services import answer_save
from testsupport.artifacts import SCREENSHOTS
from testsupport.factories import PASSWORD, stakeholder_create, user_create

pytestmark = pytest.mark.django_db(transaction=True)

FIRST_TEXT = "Chief Alvarez, the 911 director and the fire chief."
HER_TEXT = "Add the county's crisis line lead."


def saved(page) -> None:
    expect(page.locator("#save-summary")).to_have_text("All changes saved", timeout=15_000)


def prep_routes(prefix="", patterns=None):
    """Every route of the project that names a prep (``preps/<int:pk>/...``)."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from prep_routes(prefix + str(entry.pattern), entry.url_patterns)
        elif isinstance(entry, URLPattern) and (prefix + str(entry.pattern)).startswith("preps/<int:pk>/"):
            yield prefix + str(entry.pattern)


def filled(route: str, values: dict) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda match: str(values.get(match.group(1), 1)), route)


def change_role(page, name: str, role: str) -> None:
    page.get_by_label(f"Role of {name}").select_option(role)
    page.get_by_role("button", name=f"Change role of {name}").click()
    expect(page.get_by_role("status").or_(page.locator(".alert-success")).first).to_contain_text(
        f"is now {role}"
    )


def test_share_comment_edit_restore_revoke(
    browser, browser_context_args, page, live_server, worksheet, axe_audit
):
    owner = user_create("olivia", email_verified=True, first_name="Olivia", last_name="Reyes")
    user_create("cora", email_verified=True, first_name="Cora", last_name="Diaz")
    from testsupport.factories import prep_create

    prep = prep_create(owner=owner, worksheet=worksheet, meeting_title="Work group kickoff")
    question_1 = worksheet.questions.get(position=1)
    answer_save(prep=prep, question=question_1, text=FIRST_TEXT, base_version=0, author=owner)
    person = stakeholder_create(prep=prep, name="Chief Ana Alvarez")
    fill_url = f"{live_server.url}/preps/{prep.pk}/"

    owner_page = browser.new_context(**browser_context_args).new_page()
    cora_page = page  # the test's own page, so axe can audit what she sees
    cora_context = page.context

    # The owner invites Cora as a viewer.
    owner_page.goto(f"{live_server.url}/accounts/login/")
    owner_page.get_by_label("Username").fill("olivia")
    owner_page.get_by_label("Password").fill(PASSWORD)
    owner_page.get_by_role("button", name="Log in").click()
    owner_page.goto(fill_url)
    owner_page.get_by_role("link", name="Share", exact=True).click()
    owner_page.get_by_label("Colleague's e-mail address").fill("cora@example.org")
    owner_page.get_by_label("Role").select_option("viewer")
    owner_page.get_by_role("button", name="Send invitation").click()
    expect(owner_page.get_by_text("Invitation sent to cora@example.org as viewer")).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    owner_page.screenshot(path=SCREENSHOTS / "sharing-page.png", full_page=True)

    # Cora follows the e-mail's link signed out, signs in on the way, and accepts.
    (message,) = mail.outbox
    link = re.search(r"https?://\S+/invitations/\S+/", message.body).group(0)
    cora_page.goto(link)
    expect(cora_page).to_have_url(re.compile(r"/invitations/accept/$"))  # the token left the address
    expect(cora_page.get_by_role("heading", level=1)).to_contain_text("Olivia Reyes invited you")
    cora_page.get_by_role("link", name="Sign in").click()
    cora_page.get_by_label("Username").fill("cora@example.org")
    cora_page.get_by_label("Password").fill(PASSWORD)
    cora_page.get_by_role("button", name="Log in").click()
    cora_page.get_by_role("button", name="Accept the invitation").click()
    expect(cora_page).to_have_url(fill_url)

    # As viewer she reads everything and can write nothing.
    expect(cora_page.locator("#shared-role")).to_contain_text("You are a viewer")
    expect(cora_page.locator("#question-1")).to_contain_text(FIRST_TEXT)
    expect(cora_page.locator("#roster")).to_contain_text("Chief Ana Alvarez")
    expect(cora_page.locator("textarea")).to_have_count(0)
    cora_page.screenshot(path=SCREENSHOTS / "sharing-viewer.png", full_page=True)
    axe_audit("sharing-viewer")
    for path in ("details/", "brief/", "people/new/", "sharing/", f"answers/{question_1.key}/history/"):
        response = cora_page.goto(fill_url + path)
        assert response.status == 403, path
    cora_page.goto(f"{live_server.url}/preps/")
    expect(cora_page.get_by_role("heading", name="Shared with me")).to_be_visible()
    expect(cora_page.locator(".shared-list")).to_contain_text("Shared by Olivia Reyes · you are a viewer")
    cora_page.screenshot(path=SCREENSHOTS / "sharing-dashboard.png", full_page=True)

    # The owner makes her a commenter; she comments on question 2.
    owner_page.goto(f"{live_server.url}/preps/{prep.pk}/sharing/")
    change_role(owner_page, "Cora Diaz", "commenter")
    cora_page.goto(fill_url)
    cora_page.get_by_label("Add a comment on question 2").fill("Who brings the call data?")
    cora_page.get_by_role("button", name="Add comment on question 2").click()
    expect(cora_page.locator("#question-2 .comment-list")).to_contain_text("Who brings the call data?")
    axe_audit("sharing-commenter")

    # The owner sees it beside question 2 and on the dashboard, and resolves it.
    owner_page.goto(f"{live_server.url}/preps/")
    expect(owner_page.get_by_text("1 open comment").first).to_be_visible()
    owner_page.goto(fill_url)
    comments = owner_page.locator("#question-2 .comments")
    expect(comments).to_contain_text("Cora Diaz")
    comments.get_by_role("button", name="Resolve this comment").click()
    expect(owner_page.locator("#question-2 .comments")).to_contain_text("1 resolved")
    expect(owner_page.locator("#question-2 .comments .badge")).to_have_count(0)

    # As editor, she edits question 1 while the owner has the page open; the owner's save meets a conflict
    # that names her.
    owner_page.goto(f"{live_server.url}/preps/{prep.pk}/sharing/")
    change_role(owner_page, "Cora Diaz", "editor")
    owner_page.goto(fill_url)
    cora_page.goto(fill_url)
    cora_page.locator("#question-1 textarea").first.fill(HER_TEXT)
    saved(cora_page)
    owner_page.locator("#question-1 textarea").first.fill(FIRST_TEXT + " And EMS.")
    alert = owner_page.locator("#question-1 [data-conflict-for]")
    expect(alert).to_contain_text("changed by Cora Diaz", timeout=15_000)
    owner_page.screenshot(path=SCREENSHOTS / "sharing-conflict.png", full_page=True)
    alert.get_by_role("button", name="Keep theirs").click()
    saved(owner_page)

    # The owner restores her own earlier text from the history: a new version, nothing overwritten.
    owner_page.get_by_role("link", name="History of question 1").click()
    expect(owner_page.locator(".history-list")).to_contain_text(HER_TEXT)
    first = owner_page.locator(".history-list > li", has_text=FIRST_TEXT).last
    expect(first).to_contain_text("Olivia Reyes")
    first.get_by_role("button", name=re.compile("Restore this version")).click()
    expect(owner_page.locator("#question-1 textarea").first).to_have_value(FIRST_TEXT)
    owner_page.get_by_role("link", name="History of question 1").click()
    expect(owner_page.locator(".history-list > li")).to_have_count(3)  # hers is kept
    owner_page.screenshot(path=SCREENSHOTS / "sharing-history.png", full_page=True)

    # Revoked: every URL of the prep answers her 404, reads and writes alike.
    owner_page.goto(f"{live_server.url}/preps/{prep.pk}/sharing/")
    owner_page.get_by_role("button", name="Remove access of Cora Diaz").click()
    expect(owner_page.get_by_text("Cora Diaz no longer has access")).to_be_visible()
    csrf = next(cookie["value"] for cookie in cora_context.cookies() if cookie["name"] == "csrftoken")
    values = {"pk": prep.pk, "question_key": question_1.key, "person_id": person.pk, "kind": "decision"}
    routes = sorted(set(prep_routes()))
    assert len(routes) > 40
    for route in routes:
        url = live_server.url + filled(route, values)
        response = cora_context.request.get(url, max_redirects=0)
        if response.status == 405:
            response = cora_context.request.post(
                url, headers={"X-CSRFToken": csrf, "Referer": fill_url}, form={"text": "x"}, max_redirects=0
            )
        assert response.status == 404, (route, response.status)
    cora_page.goto(f"{live_server.url}/preps/")
    expect(cora_page.get_by_text("Work group kickoff")).to_have_count(0)
