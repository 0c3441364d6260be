"""The work group page and the times of its meetings: every time is where the group meets, with its zone,
whoever reads it ("9:30 a.m. CST" for a Springfield, Illinois meeting, for a reader in New York too); the
calendar event as well. A colleague invited to one meeting sees that meeting alone, not the group's name."""

import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from accounts.services import time_zone_set
from briefs.services import brief_ensure, brief_update
from documents.sources import brief_pdf_source
from outcomes.series import series_next_create
from outcomes.services import outcome_row_add
from preps.models import MeetingPrep, WorkGroup
from testsupport.factories import membership_create, prep_create, share_create, user_create

pytestmark = pytest.mark.django_db

FAR = datetime.date(2099, 1, 15)  # winter in Springfield: Central Standard Time


@pytest.fixture
def springfield(owner, worksheet):
    """A group meeting in Springfield, Illinois: a past first meeting with an open follow-up, the next one
    at 9:30, and its owner living in New York."""
    time_zone_set(user=owner, name="America/New_York")
    first = prep_create(
        owner=owner, worksheet=worksheet, meeting_title="Kickoff", meeting_date=FAR.replace(year=2020)
    )
    group = first.work_group
    group.name = "Public Safety Work Group"
    group.save()
    outcome_row_add(prep=first, kind_name="commitment", changes={"what": "Share the call data"})
    outcome_row_add(prep=first, kind_name="commitment", changes={"what": "Book the room", "done": "yes"})
    nxt = series_next_create(prep=first, meeting_date=FAR, meeting_title="Second meeting")
    brief = brief_ensure(prep=nxt)
    brief_update(prep=nxt, base_version=brief.version, start_time=datetime.time(9, 30), place="City Hall")
    return group, first, nxt


def text_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return " ".join(strip_tags(response.content.decode()).split())


def test_the_owner_sees_the_meetings_the_next_one_its_time_the_follow_ups_and_the_team(
    client, owner, springfield
):
    group, first, nxt = springfield
    cora = user_create("cora", first_name="Cora", last_name="Diaz")
    membership_create(group=group, user=cora, role="editor")
    client.force_login(owner)
    page = text_of(client, group.get_absolute_url())
    assert "Public Safety Work Group" in page and "America/Chicago" in page
    meetings = page[page.index("Meetings in order") :]
    assert meetings.index("Kickoff") < meetings.index("Second meeting")
    assert "Next meeting Second meeting · Thursday, January 15, 2099 · 9:30 a.m. CST" in page
    assert "Share the call data" in page and "Book the room" not in page
    assert "Cora Diaz: editor" in page


def test_the_brief_and_the_calendar_use_the_groups_time_zone_not_the_readers(client, owner, springfield):
    group, first, nxt = springfield
    assert "9:30 a.m. CST" in strip_tags(brief_pdf_source(nxt).html)
    client.force_login(owner)  # her own zone is New York
    event = icalendar.Calendar.from_ical(client.get(reverse("prep_ics", args=[nxt.pk])).content)
    start = event.walk("VEVENT")[0].decoded("dtstart")
    assert (str(start.tzinfo), start.hour, start.minute) == ("America/Chicago", 9, 30)
    response = client.post(
        reverse("work_group_edit", args=[group.pk]),
        {"name": group.name, "program_name": "", "jurisdiction": "Denver", "time_zone": "America/Denver"},
    )
    assert response.status_code == 302
    event = icalendar.Calendar.from_ical(client.get(reverse("prep_ics", args=[nxt.pk])).content)
    assert str(event.walk("VEVENT")[0].decoded("dtstart").tzinfo) == "America/Denver"
    assert "9:30 a.m. MST" in text_of(client, group.get_absolute_url())


def test_a_bad_time_zone_or_name_is_a_400_that_changes_nothing(client, owner, springfield):
    group = springfield[0]
    client.force_login(owner)
    url = reverse("work_group_edit", args=[group.pk])
    for data in ({"name": group.name, "time_zone": "Mars/Olympus_Mons"}, {"name": "", "time_zone": "UTC"}):
        assert client.post(url, data).status_code == 400
    group.refresh_from_db()
    assert (group.name, group.time_zone) == ("Public Safety Work Group", "America/Chicago")


def test_a_colleague_of_one_meeting_sees_that_meeting_alone_and_not_the_groups_name(client, springfield):
    group, first, nxt = springfield
    carla = user_create("carla")
    share_create(prep=nxt, user=carla, role="viewer")
    client.force_login(carla)
    page = text_of(client, group.get_absolute_url())
    assert "Second meeting" in page and "9:30 a.m. CST" in page
    assert "Kickoff" not in page and "Share the call data" not in page
    assert "Public Safety Work Group" not in page
    assert "Public Safety Work Group" not in text_of(client, reverse("dashboard"))


def test_a_team_member_sees_the_group_on_her_dashboard(client, springfield):
    group = springfield[0]
    tess = user_create("tess")
    membership_create(group=group, user=tess, role="viewer")
    client.force_login(tess)
    page = text_of(client, reverse("dashboard"))
    assert "Public Safety Work Group" in page and "you are on the team as viewer" in page
    assert "Next meeting: Second meeting" in page and "1 open follow-up" in page


def test_the_dashboard_lists_her_work_groups_first_with_the_next_meeting_and_follow_ups(
    client, owner, worksheet, springfield
):
    prep_create(owner=owner, worksheet=worksheet, meeting_title="Budget hearing")  # a one-off meeting
    client.force_login(owner)
    page = text_of(client, reverse("dashboard"))
    assert (
        page.index("My work groups")
        < page.index("Public Safety Work Group")
        < page.index("All my meeting preps")
    )
    assert "2 meeting preps" in page and "Next meeting: Second meeting" in page and "1 open follow-up" in page
    groups_part = page[: page.index("All my meeting preps")]
    assert "Budget hearing" not in groups_part  # a group of one is listed with the meetings only


def test_a_new_meeting_prep_joins_the_group_chosen_or_a_new_one_in_the_zone_chosen(
    client, owner, outsider, worksheet, springfield
):
    group = springfield[0]
    client.force_login(owner)
    form = client.get(reverse("prep_create") + f"?group={group.pk}").content.decode()
    assert f'<option value="{group.pk}" selected>Public Safety Work Group</option>' in form
    assert 'value="America/New_York" selected' in form  # her own zone proposed for a new group
    client.post(reverse("prep_create"), {"meeting_title": "Third", "work_group": group.pk})
    assert MeetingPrep.objects.get(meeting_title="Third").work_group == group
    client.post(reverse("prep_create"), {"meeting_title": "Zoning board", "time_zone": "America/Denver"})
    new = MeetingPrep.objects.get(meeting_title="Zoning board").work_group
    assert (new.name, new.time_zone, new.owner) == ("Zoning board", "America/Denver", owner)
    theirs = prep_create(owner=outsider, worksheet=worksheet).work_group
    refused = client.post(reverse("prep_create"), {"meeting_title": "Sneaky", "work_group": theirs.pk})
    bad_zone = client.post(reverse("prep_create"), {"meeting_title": "Sneaky", "time_zone": "Nowhere/Land"})
    assert refused.status_code == bad_zone.status_code == 400
    assert not MeetingPrep.objects.filter(meeting_title="Sneaky").exists()
    assert WorkGroup.objects.filter(owner=owner).count() == 2


def test_without_a_zone_of_her_own_the_form_proposes_the_browsers(client, outsider, worksheet):
    client.force_login(outsider)
    form = client.get(reverse("prep_create")).content.decode()
    assert "data-from-browser" in form and "js/time_zone.js" in form and 'id="time-zone-browser"' in form
