"""The next meeting's brief starts from suggestions built on the last outcome: a purpose and desired outcome
that name what was decided and what is left, each open follow-up an agenda item of its own with its own time,
never a copy of the last brief's purpose and agenda (its time, place and primer carry over)."""

import datetime

import pytest
from django.urls import reverse

from briefs.models import AgendaItem, MeetingBrief
from briefs.selectors import brief_for_prep
from briefs.services import brief_ensure, brief_update
from briefs.suggestions import FOLLOW_UP_MINUTES, FollowUp, LastOutcome, next_brief
from documents.brief import brief_document
from outcomes.series import series_next_create
from outcomes.services import outcome_row_add
from preps.models import MeetingPrep
from preps.selectors import prep_with_content
from testsupport.factories import stakeholder_create

pytestmark = pytest.mark.django_db

LIMITS = {"title_max": 200, "note_max": 1000, "text_max": 2000, "items_max": 30}


@pytest.fixture
def met(prep):
    """A first meeting with its own brief, and its outcome: a decision, three open follow-ups (one done),
    a question left open."""
    dana = stakeholder_create(prep=prep, name="Dana Whitfield", influence="high", stance="skeptical")
    brief = brief_ensure(prep=prep)
    brief_update(
        prep=prep,
        base_version=brief.version,
        purpose="Agree on a pilot.",
        desired_outcome="A date for a protocol review.",
        place="City Hall, room 2",
        start_time=datetime.time(10, 0),
        primer="CARE sends two responders.",
    )
    outcome_row_add(prep=prep, kind_name="decision", changes={"text": "Pilot starts in March."})
    for what in ("Send the call data.", "Draft the transfer protocol.", "Book the training room."):
        outcome_row_add(
            prep=prep, kind_name="commitment", changes={"what": what, "owner_person": str(dana.pk)}
        )
    outcome_row_add(prep=prep, kind_name="commitment", changes={"what": "Share the MOU", "done": "yes"})
    outcome_row_add(prep=prep, kind_name="open-question", changes={"text": "Who trains call-takers?"})
    return prep


def test_the_suggestions_are_built_on_the_outcome():
    last = LastOutcome(
        meeting_title="First work group meeting",
        decisions=("Pilot starts in March.",),
        follow_ups=(
            FollowUp("Send the call data.", "Dana", datetime.date(2027, 1, 5)),
            FollowUp("Book", "", None),
        ),
        open_questions=("Who trains call-takers?",),
    )
    suggested = next_brief(last, **LIMITS)
    # Counts only: the last meeting's title and decisions are for those who may open it ("Since last time").
    assert "building on the 1 decision we made" in suggested.purpose
    assert "First work group meeting" not in suggested.purpose and "Pilot" not in suggested.purpose
    assert "review the 2 open follow-ups" in suggested.purpose
    assert "settle the 1 question left open" in suggested.purpose
    assert suggested.desired_outcome.startswith("Each follow-up done, or given an owner and a new date")
    follow_ups = [item for item in suggested.agenda if item.title.startswith("Follow-up: ")]
    assert [(i.title, i.lead, i.note, i.minutes) for i in follow_ups] == [
        ("Follow-up: Send the call data.", "Dana", "Due January 5, 2027.", FOLLOW_UP_MINUTES),
        ("Follow-up: Book", "", "", FOLLOW_UP_MINUTES),
    ]
    assert all(item.minutes for item in suggested.agenda)


def test_without_an_outcome_the_suggestions_still_start_afresh():
    suggested = next_brief(LastOutcome(meeting_title="Kick-off"), **LIMITS)
    assert suggested.purpose == "Pick up where our last meeting left off."
    assert suggested.desired_outcome == "The next steps agreed, each with an owner."
    assert not any(item.title.startswith("Follow-up") for item in suggested.agenda)


def test_a_long_follow_up_keeps_its_whole_text_in_the_note():
    what = "Write " + "the very long protocol " * 12
    (item,) = [
        i
        for i in next_brief(LastOutcome("M", follow_ups=(FollowUp(what, "", None),)), **LIMITS).agenda
        if i.title.startswith("Follow-up")
    ]
    assert len(item.title) <= LIMITS["title_max"] and item.title.endswith("…")
    assert item.note == " ".join(what.split())


def test_the_next_meeting_brief_is_not_a_copy_and_gives_each_follow_up_its_own_time(met):
    nxt = series_next_create(prep=met, meeting_date=datetime.date(2027, 3, 1))
    brief = MeetingBrief.objects.get(prep=nxt)
    assert brief.purpose == (
        "Pick up where our last meeting left off, building on the 1 decision we made. "
        "We will review the 3 open follow-ups and settle the 1 question left open."
    )
    assert brief.desired_outcome != "A date for a protocol review."
    assert (brief.place, brief.start_time, brief.primer) == (
        "City Hall, room 2",
        datetime.time(10, 0),
        "CARE sends two responders.",
    )
    titles = list(AgendaItem.objects.filter(brief=brief).values_list("title", flat=True))
    assert not AgendaItem.objects.filter(brief=brief, title="Welcome and introductions").exists()
    assert "Follow-up: Share the MOU" not in titles  # done: not carried
    document = brief_document(brief_for_prep(prep_with_content(nxt)))
    follow_ups = [line for line in document.agenda if line.title.startswith("Follow-up: ")]
    assert [line.title for line in follow_ups] == [
        "Follow-up: Send the call data.",
        "Follow-up: Draft the transfer protocol.",
        "Follow-up: Book the training room.",
    ]
    times = [line.time for line in document.agenda]
    assert len(set(times)) == len(times), times  # every item its own time: none stacked at one
    assert all(line.minutes for line in follow_ups)
    # The first meeting's brief is as it was.
    assert MeetingBrief.objects.get(prep=met).purpose == "Agree on a pilot."


def test_preparing_the_next_meeting_opens_on_the_suggested_brief(owner_client, met):
    response = owner_client.post(reverse("series_next", args=[met.pk]), {"meeting_date": "2027-03-01"})
    assert response.status_code == 302
    nxt = MeetingPrep.objects.exclude(pk=met.pk).get()
    page = owner_client.get(reverse("prep_brief", args=[nxt.pk])).content.decode()
    assert "Pick up where our last meeting left off" in page and "review the 3 open follow-ups" in page
    assert "Agree on a pilot." not in page
    assert page.count("Follow-up: ") >= 3
