"""A meeting's outcome (attendance, decisions, commitments, open questions, stance changes), the
next meeting prepared from it, the series page, the calendar event and the documents' new sections."""

import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from briefs.models import AgendaItem
from briefs.services import brief_ensure, brief_update
from outcomes.models import Attendance, Commitment, Decision, OpenQuestion, StanceChange
from outcomes.selectors import commitment_counts, outcome_for_prep, series_for_prep
from outcomes.series import series_next_create
from outcomes.services import outcome_ensure, outcome_row_add, outcome_row_save
from preps.models import ExpectedQuestion, MeetingPrep, Stakeholder
from testsupport.factories import answer_create, prep_create, stakeholder_create

pytestmark = pytest.mark.django_db

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


def save_url(prep, kind, row_id):
    return reverse("outcome_row_save", args=[prep.pk, kind, row_id])


def new_url(prep, kind):
    return reverse("outcome_row_new", args=[prep.pk, kind])


@pytest.fixture
def dana(prep):
    return stakeholder_create(prep=prep, name="Dana Whitfield", stance="skeptical", influence="high")


@pytest.fixture
def lee(prep):
    return stakeholder_create(prep=prep, name="Lee Ortiz", stance="neutral", influence="low")


def test_the_page_makes_a_row_per_person_and_shows_them(owner_client, prep, dana, lee):
    response = owner_client.get(reverse("outcome_record", args=[prep.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dana Whitfield" in page and "Lee Ortiz" in page
    outcome = outcome_for_prep(prep)
    assert len(outcome.attendances) == 2 and not outcome.attended
    assert [c.stance for c in outcome.stance_changes] == ["skeptical", "neutral"]
    # Opening it again makes nothing twice.
    owner_client.get(reverse("outcome_record", args=[prep.pk]))
    assert Attendance.objects.count() == 2 and StanceChange.objects.count() == 2


def test_rows_autosave_on_their_version_and_a_stale_save_is_a_409_with_the_saved_text(owner_client, prep):
    owner_client.post(new_url(prep, "decision"), {"text": "Pilot in district 3"})
    decision = Decision.objects.get()
    url = save_url(prep, "decision", decision.pk)
    first = owner_client.post(url, {"version": 1, "text": "Pilot in districts 3 and 4"}, **FETCH)
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = owner_client.post(url, {"version": 1, "text": "Other window"}, **FETCH)
    assert stale.status_code == 409
    assert stale.json()["current"] == {"text": "Pilot in districts 3 and 4"}
    assert stale.json()["current_version"] == 2
    decision.refresh_from_db()
    assert decision.text == "Pilot in districts 3 and 4"
    assert stale.json()["changed_at"] == decision.updated_at.isoformat()


def test_a_commitment_saves_owner_due_date_and_done(owner_client, prep, dana):
    response = owner_client.post(
        new_url(prep, "commitment"), {"what": "Share call data", "owner_person": dana.pk, "due": "2026-01-15"}
    )
    assert response.status_code == 302
    commitment = Commitment.objects.get()
    assert (commitment.owner, commitment.due, commitment.done) == (
        "Dana Whitfield",
        datetime.date(2026, 1, 15),
        False,
    )
    saved = owner_client.post(
        save_url(prep, "commitment", commitment.pk), {"version": 1, "done": "yes"}, **FETCH
    )
    assert saved.status_code == 200
    commitment.refresh_from_db()
    assert commitment.done


def test_without_javascript_an_unticked_box_is_saved_as_unticked(owner_client, prep, dana):
    outcome = outcome_ensure(prep=prep)
    row = Attendance.objects.get(outcome=outcome)
    outcome_row_save(
        prep=prep, kind_name="attendee", row_id=row.pk, base_version=1, changes={"attended": "yes"}
    )
    response = owner_client.post(save_url(prep, "attendee", row.pk), {"version": 2, "nojs": "1"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.attended is False


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        ("commitment", {"what": "x", "due": "next Tuesday"}, "must be a date"),
        ("commitment", {"what": "x", "due": "2026-02-30"}, "must be a date"),
        ("commitment", {"what": "   "}, "cannot be empty"),
        ("attendee", {"name": ""}, "cannot be empty"),
        ("decision", {"text": "x", "colour": "red"}, "Not a field"),
    ],
)
def test_bad_input_when_adding_is_a_400_that_changes_nothing(owner_client, prep, kind, data, message):
    response = owner_client.post(new_url(prep, kind), data, **FETCH)
    assert response.status_code == 400 and message in response.json()["message"]
    assert not Commitment.objects.exists() and not Decision.objects.exists()
    assert not Attendance.objects.filter(stakeholder__isnull=True).exists()


def test_a_stance_outside_the_list_is_a_400_and_changes_nothing(owner_client, prep, dana):
    change = StanceChange.objects.get(outcome=outcome_ensure(prep=prep))
    response = owner_client.post(
        save_url(prep, "stance", change.pk), {"version": 1, "stance": "ecstatic"}, **FETCH
    )
    assert response.status_code == 400 and "Stance must be one of" in response.json()["message"]
    change.refresh_from_db()
    assert (change.stance, change.version) == ("skeptical", 1)


def test_a_person_or_row_of_another_prep_is_refused(owner_client, prep, owner, worksheet):
    other_prep = prep_create(owner=owner, worksheet=worksheet)
    stranger = stakeholder_create(prep=other_prep, name="Someone Else")
    response = owner_client.post(
        new_url(prep, "commitment"), {"what": "x", "owner_person": stranger.pk}, **FETCH
    )
    assert response.status_code == 400 and "on this meeting's roster" in response.json()["message"]
    assert not Commitment.objects.exists()
    # The other prep's attendance row, through this prep's address: not found.
    row = Attendance.objects.get(outcome=outcome_ensure(prep=other_prep))
    response = owner_client.post(
        save_url(prep, "attendee", row.pk), {"version": 1, "attended": "yes"}, **FETCH
    )
    assert response.status_code == 404
    row.refresh_from_db()
    assert not row.attended


def test_an_unknown_kind_is_a_404(owner_client, prep):
    assert owner_client.post(new_url(prep, "wish"), {"text": "x"}).status_code == 404
    assert owner_client.post(new_url(prep, "stance"), {"note": "x"}).status_code == 404


def record(prep, dana, lee):
    """The outcome of the test's meeting: both came, a decision, two commitments (one done), a question,
    Dana now supportive."""
    outcome = outcome_ensure(prep=prep)
    for row in Attendance.objects.filter(outcome=outcome):
        outcome_row_save(
            prep=prep, kind_name="attendee", row_id=row.pk, base_version=1, changes={"attended": "on"}
        )
    outcome_row_add(prep=prep, kind_name="decision", changes={"text": "Pilot in district 3"})
    outcome_row_add(
        prep=prep, kind_name="commitment", changes={"what": "Share call data", "owner_person": str(dana.pk)}
    )
    outcome_row_add(prep=prep, kind_name="commitment", changes={"what": "Send the MOU draft", "done": "yes"})
    outcome_row_add(prep=prep, kind_name="open-question", changes={"text": "Who answers after midnight?"})
    change = StanceChange.objects.get(outcome=outcome, stakeholder=dana)
    outcome_row_save(
        prep=prep,
        kind_name="stance",
        row_id=change.pk,
        base_version=1,
        changes={"stance": "supportive", "note": "Liked the data"},
    )


def test_preparing_the_next_meeting_carries_the_outcome_and_leaves_the_first_unchanged(prep, dana, lee):
    prep.meeting_date = datetime.date(2027, 1, 10)
    prep.save()
    answer_create(prep=prep, question=1, text="The chief and the 911 director")
    brief = brief_ensure(prep=prep)
    brief_update(prep=prep, base_version=brief.version, place="City Hall, room 2")
    record(prep, dana, lee)
    before = (
        MeetingPrep.objects.get(pk=prep.pk).updated_at,
        list(Stakeholder.objects.filter(prep=prep).values()),
    )

    nxt = series_next_create(prep=prep, meeting_date=datetime.date(2027, 3, 1))

    assert (nxt.previous, nxt.series_root, nxt.meeting_date) == (prep, prep, datetime.date(2027, 3, 1))
    assert nxt.meeting_title == prep.meeting_title
    assert nxt.answers.get(question__position=1).text == "The chief and the 911 director"
    people = {p.name: p for p in nxt.stakeholders.all()}
    assert (people["Dana Whitfield"].stance, people["Lee Ortiz"].stance) == ("supportive", "neutral")
    assert list(ExpectedQuestion.objects.filter(prep=nxt).values_list("text", flat=True)) == [
        "Who answers after midnight?"
    ]
    agenda = AgendaItem.objects.filter(brief__prep=nxt)
    follow_up = agenda.get(title__startswith="Follow-up")
    assert (follow_up.title, follow_up.lead) == ("Follow-up: Share call data", "Dana Whitfield")
    assert not agenda.filter(title__contains="MOU").exists()  # done: not carried
    assert nxt.brief.place == "City Hall, room 2"
    # The first meeting is as it was.
    assert (
        MeetingPrep.objects.get(pk=prep.pk).updated_at,
        list(Stakeholder.objects.filter(prep=prep).values()),
    ) == before
    assert not ExpectedQuestion.objects.filter(prep=prep).exists()
    # A third meeting joins the same series.
    third = series_next_create(prep=nxt, meeting_date=datetime.date(2027, 4, 1))
    assert third.series_root == prep
    assert [p.pk for p in series_for_prep(nxt, reader=prep.owner)] == [prep.pk, nxt.pk, third.pk]


def test_the_next_meeting_needs_a_date(owner_client, prep):
    response = owner_client.post(reverse("series_next", args=[prep.pk]), {"meeting_date": ""})
    assert response.status_code == 400
    assert MeetingPrep.objects.count() == 1
    response = owner_client.post(reverse("series_next", args=[prep.pk]), {"meeting_date": "soon"})
    assert response.status_code == 400 and MeetingPrep.objects.count() == 1
    response = owner_client.post(reverse("series_next", args=[prep.pk]), {"meeting_date": "2027-03-01"})
    assert response.status_code == 302 and MeetingPrep.objects.count() == 2


def test_the_work_group_page_shows_the_timeline_and_the_open_follow_ups(owner_client, prep, dana, lee):
    record(prep, dana, lee)
    nxt = series_next_create(prep=prep, meeting_date=datetime.date(2027, 3, 1))
    response = owner_client.get(reverse("series_page", args=[nxt.pk]))
    assert response.status_code == 302 and response["Location"] == reverse(
        "work_group", args=[nxt.work_group_id]
    )
    page = owner_client.get(response["Location"]).content.decode()
    assert "Skeptical → <strong>Supportive</strong>" in page
    assert "Share call data" in page and "Send the MOU draft" not in page  # done: not a follow-up any more


def test_the_notes_pdf_has_the_outcome_and_the_next_brief_has_since_last_time(owner_client, prep, dana, lee):
    from documents.kinds import NOTES
    from documents.sources import brief_pdf_source, pdf_source

    record(prep, dana, lee)
    nxt = series_next_create(prep=prep, meeting_date=datetime.date(2027, 3, 1))
    from preps.selectors import prep_with_content

    notes = pdf_source(NOTES.name, prep_with_content(prep)).html
    assert "Outcome and follow-ups" in notes and "Pilot in district 3" in notes and "Liked the data" in notes
    assert "Stance over the work group" not in notes  # the first meeting: no timeline yet
    later = strip_tags(pdf_source(NOTES.name, prep_with_content(nxt)).html)
    assert "Stance over the work group" in later and "Skeptical → Supportive" in later
    brief = strip_tags(brief_pdf_source(nxt).html)
    assert "Since last time" in brief and "Share call data — Dana Whitfield" in brief
    assert "Liked the data" not in brief  # a note about a person stays in the private notes
    assert "Since last time" not in brief_pdf_source(prep).html


def test_the_ics_event_holds_title_time_place_and_agenda_but_no_private_note(owner_client, prep, dana):
    prep.meeting_date = datetime.date(2027, 3, 1)
    prep.save()
    answer_create(prep=prep, question=1, text="Secretnote: the chief feels left out")
    brief = brief_ensure(prep=prep)
    brief_update(prep=prep, base_version=brief.version, place="City Hall", start_time=datetime.time(14, 30))
    response = owner_client.get(reverse("prep_ics", args=[prep.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert ".ics" in response["Content-Disposition"]
    event = icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["summary"]) == prep.meeting_title and str(event["location"]) == "City Hall"
    start = event.decoded("dtstart")
    assert (start.date(), start.hour, start.minute) == (datetime.date(2027, 3, 1), 14, 30)
    assert "Agenda:" in str(event["description"])
    assert b"Secretnote" not in response.content and b"Dana" not in response.content


def test_the_dashboard_counts_commitments_due_and_overdue(owner_client, owner, prep):
    today = datetime.date.today()
    for what, due in (
        ("late", today - datetime.timedelta(days=3)),
        ("soon", today + datetime.timedelta(days=2)),
    ):
        outcome_row_add(prep=prep, kind_name="commitment", changes={"what": what, "due": due.isoformat()})
    outcome_row_add(
        prep=prep, kind_name="commitment", changes={"what": "done", "due": today.isoformat(), "done": "yes"}
    )
    assert commitment_counts(owner) == commitment_counts(owner).__class__(overdue=1, due_soon=1)
    page = owner_client.get(reverse("dashboard")).content.decode()
    assert "1 commitment overdue" in page and "1 due this week" in page


def test_the_fill_page_offers_recording_once_the_meeting_has_passed(owner_client, prep):
    prep.meeting_date = datetime.date.today() - datetime.timedelta(days=1)
    prep.save()
    page = owner_client.get(reverse("prep_fill", args=[prep.pk])).content.decode()
    assert "This meeting has passed." in page and reverse("outcome_record", args=[prep.pk]) in page
    assert "Make a plain copy" in owner_client.get(reverse("dashboard")).content.decode()


def test_deleting_a_prep_deletes_its_outcome_and_keeps_the_next_meeting(prep, dana, lee):
    record(prep, dana, lee)
    nxt = series_next_create(prep=prep, meeting_date=datetime.date(2027, 3, 1))
    prep.delete()
    assert not Commitment.objects.exists() and not OpenQuestion.objects.exists()
    nxt.refresh_from_db()
    assert nxt.previous is None


def test_the_time_zone_setting_is_kept_and_the_calendar_event_stays_where_the_group_meets(
    owner_client, owner, prep, settings
):
    page = owner_client.get(reverse("account")).content.decode()
    assert "js/time_zone.js" in page and "data-from-browser" in page
    bad = owner_client.post(reverse("time_zone_save"), {"time_zone": "Mars/Olympus_Mons"})
    assert bad.status_code == 400 and "Choose a time zone" in bad.content.decode()
    assert owner_client.post(reverse("time_zone_save"), {"time_zone": "Asia/Tokyo"}).status_code == 302
    assert 'value="Asia/Tokyo" selected' in owner_client.get(reverse("account")).content.decode()
    prep.meeting_date = datetime.date(2027, 3, 1)
    prep.save()
    brief = brief_ensure(prep=prep)
    brief_update(prep=prep, base_version=brief.version, start_time=datetime.time(9, 0))
    event = icalendar.Calendar.from_ical(owner_client.get(reverse("prep_ics", args=[prep.pk])).content)
    start = event.walk("VEVENT")[0].decoded("dtstart")
    # Her own zone is Tokyo; the work group meets in Springfield, Illinois: 9:00 Central in every calendar.
    assert str(start.tzinfo) == "America/Chicago" and start.hour == 9
    # A new login brings it back from the database into the session.
    owner_client.logout()
    owner_client.force_login(owner)
    assert 'value="Asia/Tokyo" selected' in owner_client.get(reverse("account")).content.decode()


def test_rows_she_added_can_be_removed_but_not_the_rosters(owner_client, prep, dana):
    owner_client.post(new_url(prep, "attendee"), {"name": "Pat from the union"})
    other = Attendance.objects.get(stakeholder__isnull=True)
    assert other.attended and other.display_name == "Pat from the union"
    roster_row = Attendance.objects.get(stakeholder=dana)
    remove = "outcome_row_remove"
    assert owner_client.post(reverse(remove, args=[prep.pk, "attendee", roster_row.pk])).status_code == 404
    assert owner_client.post(reverse(remove, args=[prep.pk, "attendee", other.pk])).status_code == 302
    assert list(Attendance.objects.values_list("stakeholder", flat=True)) == [dana.pk]
    renamed = owner_client.post(
        save_url(prep, "attendee", roster_row.pk), {"version": 1, "name": "X"}, **FETCH
    )
    assert renamed.status_code == 400


def test_a_stale_plain_form_is_a_409_page_with_the_saved_text(owner_client, prep):
    row = outcome_row_add(prep=prep, kind_name="open-question", changes={"text": "Who pays?"})
    outcome_row_save(
        prep=prep,
        kind_name="open-question",
        row_id=row.pk,
        base_version=1,
        changes={"text": "Who pays, and when?"},
    )
    response = owner_client.post(
        save_url(prep, "open-question", row.pk), {"version": 1, "nojs": "1", "text": "Mine"}
    )
    assert response.status_code == 409 and "Who pays, and when?" in response.content.decode()
    row.refresh_from_db()
    assert row.text == "Who pays, and when?"
