"""SQL queries per page for a work group: one of 20 meetings costs the same queries as one of 2, on the work
group page, a meeting's fill page, the outcome page, the notes PDF (its timeline) and the next meeting's brief
("Since last time")."""

import datetime

import pytest
from django.urls import reverse

from documents.sources import PDFSource
from outcomes.series import series_next_create
from outcomes.services import outcome_ensure, outcome_row_add
from testsupport.factories import roster_fill

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sessions_in_the_database(settings, private_cache):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"


@pytest.fixture(autouse=True)
def fake_render(monkeypatch):
    monkeypatch.setattr(PDFSource, "render", lambda source: b"%PDF-1.7 " + source.digest.encode())


@pytest.fixture(params=[2, 20], ids=["2 meetings", "20 meetings"])
def last_meeting(request, prep):
    """The last of a series of ``n`` meetings, each with 5 people, a decision and two commitments."""
    roster_fill(prep, 5)
    current = prep
    for n in range(request.param - 1):
        outcome_ensure(prep=current)
        outcome_row_add(prep=current, kind_name="decision", changes={"text": f"Decision {n}"})
        for what in ("Data", "MOU"):
            outcome_row_add(prep=current, kind_name="commitment", changes={"what": f"{what} {n}"})
        current = series_next_create(
            prep=current, meeting_date=datetime.date(2027, 1, 1) + datetime.timedelta(n)
        )
    outcome_ensure(prep=current)
    return current


def test_work_group_page(owner_client, last_meeting, django_assert_num_queries):
    # session, user, the group + owner; the group's preps with their progress; their outcomes, attendances,
    # decisions, commitments, open questions, stance changes; their rosters; their briefs' start times;
    # the team
    with django_assert_num_queries(13):
        response = owner_client.get(reverse("work_group", args=[last_meeting.work_group_id]))
    assert response.status_code == 200


def test_fill_page(owner_client, last_meeting, django_assert_num_queries):
    # The same 20 for the last of 2 meetings as of 20: nothing on the fill page reads the group's other
    # meetings one by one (what each query is: tests/preps/test_query_counts.py, plus the outcome link's).
    with django_assert_num_queries(20):
        response = owner_client.get(reverse("prep_fill", args=[last_meeting.pk]))
    assert response.status_code == 200


def test_outcome_page(owner_client, last_meeting, django_assert_num_queries):
    # session, user, prep + worksheet + owner; the outcome, people without rows yet (outcome_ensure); the
    # outcome with its attendances, decisions, commitments, open questions, stance changes; the roster; the
    # rows this user removed and can still undo
    with django_assert_num_queries(13):
        response = owner_client.get(reverse("outcome_record", args=[last_meeting.pk]))
    assert response.status_code == 200


def test_notes_pdf_and_brief(owner_client, last_meeting, django_assert_num_queries):
    # the notes PDF's 12 before outcomes (tests/preps/test_query_counts.py, this content version's first
    # read); this meeting's outcome and its five kinds of rows; for the timeline: the series' preps, their
    # outcomes with their five kinds of rows, their rosters; the roster's engagement plans; the questions
    # the invited people sent in (asks)
    with django_assert_num_queries(28):
        response = owner_client.get(reverse("prep_pdf", args=[last_meeting.pk]))
    assert response.status_code == 200
    # session, user, prep + worksheet + owner, the content (answers, roster, expected questions, the
    # worksheet's content version: its questions, tips and FAQ are in this process's cache since the notes
    # PDF), the brief, its agenda and FAQ entries, the convener's title and contact; the previous meeting's
    # outcome and its five kinds of rows
    with django_assert_num_queries(17):
        response = owner_client.get(reverse("prep_brief_pdf", args=[last_meeting.pk]))
    assert response.status_code == 200
