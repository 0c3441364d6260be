"""A work group's people, in real Chromium: a person is added once to the group's directory, added to meeting
1's roster from it, prepared for (their concerns), and the next meeting is prepared from meeting 1; their
concerns change for meeting 2. The person page shows both meetings, each with its own notes, and saves an
engagement plan by itself. Screenshots of the person page at 1280 and 375 px; axe on it and the directory."""

import datetime

import pytest
from playwright.sync_api import expect

from preps.models import EngagementPlan, MeetingPrep, Person, Stakeholder
from testsupport.artifacts import SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True)


def saved(page) -> None:
    expect(page.locator("#save-summary")).to_have_text("All changes saved", timeout=15_000)


def test_a_person_entered_once_across_two_meetings(page, live_server, prep, log_in, axe_audit):
    log_in(prep.owner)
    group = prep.work_group_id

    # The directory: Dana entered once.
    page.goto(live_server.url + f"/groups/{group}/people/")
    page.get_by_label("Name").fill("Dana Whitfield")
    page.get_by_label("Title or role").fill("911 Director")
    page.get_by_label("Agency or organisation").fill("Springfield 911")
    page.get_by_label("E-mail").fill("dana@example.org")
    page.get_by_role("button", name="Add to the work group’s people").click()
    expect(page.get_by_role("heading", name="Dana Whitfield", level=1)).to_be_visible()
    dana = Person.objects.get()

    # Meeting 1's roster offers her first.
    page.goto(live_server.url + f"/preps/{prep.pk}/")
    page.get_by_label("Person", exact=True).select_option(
        label="Dana Whitfield — 911 Director, Springfield 911"
    )
    page.get_by_role("button", name="Add this person to the roster").click()
    # The page comes back with her row (its concerns field) once the post is answered.
    expect(page.locator("[data-row-url] textarea[id$='-concerns']")).to_have_count(1)
    first = Stakeholder.objects.get(prep=prep)
    assert first.person_id == dana.pk
    page.locator(f"#p{first.pk}-concerns").fill("Staffing the night shift")
    saved(page)

    # The next meeting, prepared from meeting 1.
    page.goto(live_server.url + f"/preps/{prep.pk}/next/")
    page.get_by_label("Date of the next meeting").fill(
        (datetime.date.today() + datetime.timedelta(30)).isoformat()
    )
    page.get_by_role("button", name="Prepare the next meeting").click()
    expect(page.get_by_text("The meeting prep for the next meeting is ready")).to_be_visible()
    second = MeetingPrep.objects.exclude(pk=prep.pk).get()
    entry = Stakeholder.objects.get(prep=second)
    assert entry.person_id == dana.pk
    concerns = page.locator(f"#p{entry.pk}-concerns")
    expect(concerns).to_have_value("Staffing the night shift")  # the next meeting starts from the latest
    concerns.fill("Overtime costs")
    saved(page)

    # Her page: both meetings, each with its own notes; the plan saves itself.
    # (Question 1's roster row links her page; that question may be folded away on a narrow page.)
    link = page.locator(f"#person-{entry.pk} a", has_text="Person page")
    assert link.get_attribute("href") == f"/groups/{group}/people/{dana.pk}/"
    page.goto(live_server.url + link.get_attribute("href"))
    meetings = page.locator("#meetings article")
    expect(meetings).to_have_count(2)
    expect(meetings.nth(0)).to_contain_text(prep.meeting_title)
    expect(meetings.nth(0)).to_contain_text("Staffing the night shift")
    expect(meetings.nth(1)).to_contain_text(second.meeting_title)
    expect(meetings.nth(1)).to_contain_text("Overtime costs")
    page.get_by_label("Approach").fill("Meet her one to one before each meeting")
    page.get_by_label("Next step").fill("Coffee to walk through the call data")
    page.get_by_label("By when").fill((datetime.date.today() + datetime.timedelta(7)).isoformat())
    saved(page)
    plan = EngagementPlan.objects.get(person=dana)
    assert plan.next_step == "Coffee to walk through the call data" and plan.due is not None

    axe_audit("person-page")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENSHOTS / f"person-page-{width}.png", full_page=True)
        assert page.evaluate("document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth")
    page.set_viewport_size({"width": 1280, "height": 900})

    # The dashboard lists her next step; the directory shows her on both meetings.
    page.goto(live_server.url + "/preps/")
    expect(page.locator("#engagement-steps")).to_contain_text("Coffee to walk through the call data")
    page.goto(live_server.url + f"/groups/{group}/people/")
    expect(page.get_by_role("row", name="Dana Whitfield")).to_contain_text("2")
    axe_audit("people-directory")
    page.screenshot(path=SCREENSHOTS / "people-directory-1280.png", full_page=True)
