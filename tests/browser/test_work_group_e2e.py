"""A work group in real Chromium, with two browser contexts (two people, two computers).

The owner, whose browser is in Chicago and who chose no time zone, prepares a new meeting: the form
proposes her browser's zone for the new work group, she keeps it; from the meeting she opens the work group
page and its team, and invites a colleague as commenter. The colleague accepts from the e-mail's link and
lands on the group page; a meeting the owner adds to the group later is hers to open as well, as commenter.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from preps.models import MeetingPrep
from preps.selectors import prep_access
from testsupport.artifacts import SCREENSHOTS
from testsupport.factories import PASSWORD, prep_create, user_create

pytestmark = pytest.mark.django_db(transaction=True)


def log_in_as(page, url: str, username: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def shots(page, name: str) -> None:
    """The page at a desktop's width and a phone's, for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_make_a_work_group_and_invite_a_colleague_to_it(
    browser, browser_context_args, page, live_server, worksheet, axe_audit
):
    user_create("olivia", email_verified=True, first_name="Olivia", last_name="Reyes")
    cora = user_create("cora", email_verified=True, first_name="Cora", last_name="Diaz")
    owner_page = browser.new_context(**{**browser_context_args, "timezone_id": "America/Chicago"}).new_page()
    cora_page = page  # the test's own page, so axe can audit what she sees

    log_in_as(owner_page, live_server.url, "olivia")
    owner_page.goto(f"{live_server.url}/preps/new/")
    owner_page.get_by_label("Meeting title").fill("Public Safety Work Group kickoff")
    owner_page.get_by_label("Meeting date").fill("2099-01-15")
    zone = owner_page.get_by_label("Time zone of a new work group")
    expect(zone).to_have_value("America/Chicago")  # proposed from her browser
    expect(owner_page.locator("#time-zone-browser")).to_be_visible()
    shots(owner_page, "work-group-new-prep")
    owner_page.get_by_role("button", name="Start preparing").click()
    expect(owner_page).to_have_url(re.compile(r"/preps/\d+/$"))
    prep = MeetingPrep.objects.get()
    assert prep.work_group.time_zone == "America/Chicago"

    owner_page.get_by_role("link", name="The work group’s meetings").click()
    expect(owner_page.get_by_role("heading", level=1)).to_have_text("Public Safety Work Group kickoff")
    expect(owner_page.get_by_text("Meetings in CST (America/Chicago)")).to_be_visible()
    owner_page.get_by_role("link", name="Team", exact=True).click()
    owner_page.get_by_label("Colleague's e-mail address").fill("cora@example.org")
    owner_page.get_by_label("Role").select_option("commenter")
    owner_page.get_by_role("button", name="Send invitation").click()
    expect(
        owner_page.get_by_text("Invitation to the team sent to cora@example.org as commenter")
    ).to_be_visible()
    shots(owner_page, "work-group-team")

    (message,) = mail.outbox
    link = re.search(r"https?://\S+/invitations/\S+/", message.body).group(0)
    log_in_as(cora_page, live_server.url, "cora")
    cora_page.goto(link)
    expect(cora_page.get_by_role("heading", level=1)).to_contain_text("invited you to a work group’s team")
    axe_audit("work-group-accept")
    cora_page.get_by_role("button", name="Accept the invitation").click()
    expect(cora_page).to_have_url(f"{live_server.url}/groups/{prep.work_group_id}/")
    expect(
        cora_page.get_by_text("You are now commenter of every meeting prep of this work group")
    ).to_be_visible()
    expect(cora_page.get_by_role("rowheader", name="Public Safety Work Group kickoff")).to_be_visible()
    axe_audit("work-group-page-member")

    # A meeting added to the group later is hers too.
    later = prep_create(
        owner=prep.owner, worksheet=worksheet, work_group=prep.work_group, meeting_title="Second meeting"
    )
    assert prep_access(cora, later.pk).role == "commenter"
    owner_page.goto(f"{live_server.url}/groups/{prep.work_group_id}/")
    expect(owner_page.get_by_text("Cora Diaz: commenter")).to_be_visible()
    shots(owner_page, "work-group-page")
    owner_page.goto(f"{live_server.url}/preps/")
    expect(owner_page.get_by_role("heading", name="My work groups")).to_be_visible()
    shots(owner_page, "work-group-dashboard")
    owner_page.context.close()
