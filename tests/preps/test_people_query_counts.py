"""Queries stay flat: a person's page and a meeting's fill page cost the same for 5 people as for 60, and
the person page the same for 2 meetings as for 20 (each meeting with the person's notes, an outcome with
their stance change and a commitment they own, a colleague's comment about them, a question they may ask)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outcomes.series import series_next_create
from outcomes.services import outcome_ensure, outcome_row_add
from preps.models import Person, Stakeholder
from preps.services import engagement_plan_save
from sharing.services import comment_add
from testsupport.factories import (
    expected_question_create,
    person_create,
    roster_fill,
    share_create,
    user_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sessions_in_the_database(settings, private_cache):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"


def group_build(prep, *, people: int, meetings: int):
    """A work group of ``meetings`` meetings, each a copy of the last, its roster ``people`` long, with every
    part of a person page filled in; the first person's pk."""
    colleague = user_create(f"colleague-{people}-{meetings}")
    share_create(prep=prep, user=colleague, role="editor")
    roster_fill(prep, people)
    for n in range(people):
        person_create(work_group=prep.work_group, name=f"Not invited {n}")
    current = prep
    for n in range(meetings):
        entry = Stakeholder.objects.filter(prep=current).order_by("position").first()
        outcome_ensure(prep=current)
        outcome_row_add(
            prep=current, kind_name="commitment", changes={"what": "Data", "owner_person": str(entry.pk)}
        )
        comment_add(prep=current, author=colleague, text="About them", stakeholder_id=entry.pk)
        expected_question_create(prep=current, text="Who pays?", askers=[entry])
        if n < meetings - 1:
            current = series_next_create(
                prep=current, meeting_date=datetime.date(2027, 1, 1) + datetime.timedelta(n)
            )
    person = Person.objects.get(
        pk=Stakeholder.objects.filter(prep=prep).order_by("position").first().person_id
    )
    engagement_plan_save(
        person=person,
        base_version=1,
        changes={"next_step": "Call", "owner": str(colleague.pk)},
        team_ids={colleague.pk},
    )
    return person, current


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("people", [5, 60])
def test_the_person_page_costs_the_same_for_5_people_as_for_60(
    owner_client, prep, people, django_assert_num_queries
):
    person, _ = group_build(prep, people=people, meetings=2)
    # session, user, the group's meetings she may open (with the group), the person, their roster entries
    # (with each meeting), the questions they may ask, the plan (with its owner), the team; outcomes: their
    # stance changes, attendance, commitments; sharing: the comments about them
    with django_assert_num_queries(12):
        owner_client.get(reverse("person_page", args=[prep.work_group_id, person.pk]))


@pytest.mark.parametrize("meetings", [2, 20])
def test_the_person_page_costs_the_same_for_2_meetings_as_for_20(owner_client, prep, meetings):
    person, _ = group_build(prep, people=5, meetings=meetings)
    assert count(owner_client, reverse("person_page", args=[prep.work_group_id, person.pk])) == 12


@pytest.mark.parametrize("people", [5, 60])
def test_the_fill_page_and_the_directory_cost_the_same_for_5_people_as_for_60(owner_client, prep, people):
    _, last = group_build(prep, people=people, meetings=2)
    count(owner_client, reverse("prep_fill", args=[last.pk]))  # the worksheet's content, read once and cached
    # test_query_counts.test_fill_page's once the content is cached (11), and for a meeting that follows
    # another and is shared: the previous meeting if she may open it, the open comments' count; her removed
    # comments to undo; the people asked for questions and what they sent (asks)
    assert count(owner_client, reverse("prep_fill", args=[last.pk])) == 16
    # session, user, the group's meetings she may open, the people with their meeting counts
    assert count(owner_client, reverse("people_directory", args=[prep.work_group_id])) == 4
