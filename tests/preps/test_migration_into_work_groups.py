"""The migration into work groups (preps 0009-0011) loses nothing and opens nothing.

Today's data is made with today's services - a series of three meetings prepared one from the next with its
outcome and brief, a meeting alone, another director's meeting, a member whose first meeting was deleted,
per-meeting shares, comments, answer revisions - then the database is migrated back to before work groups
(preps 0008) and read table by table, with who may open which meeting. Migrated forward, every row, text and
version is the same (the only new column is ``work_group_id``), each series is one group, each meeting alone a
group of one, the groups' time zones are the owners' or the deployment's, and every user's access to every
meeting is what it was. Runs on SQLite and, in CI's second pass, on PostgreSQL.
"""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import Http404

from accounts.services import time_zone_set
from briefs.services import brief_ensure, brief_update
from outcomes.series import series_next_create
from outcomes.services import outcome_row_add
from preps.models import MeetingPrep, WorkGroup
from preps.selectors import OWNER, prep_access
from preps.services import answer_save
from sharing.services import comment_add
from testsupport import factories
from testsupport.migrations import migrate_to, table_rows

BEFORE_WORK_GROUPS = ("preps", "0008_expectedquestion_updated_by")
NEW_TABLES = {"preps_workgroup"}
NEW_COLUMNS = {"worksheets_meetingprep": {"work_group_id"}, "preps_stakeholder": {"person_id"}}


def access_before(user_ids, prep_ids) -> dict[tuple[int, int], str | None]:
    """Who could open which meeting before work groups, by the rule of then: the owner, or a share's role."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, owner_id FROM worksheets_meetingprep")
        owners = dict(cursor.fetchall())
        cursor.execute("SELECT prep_id, user_id, role FROM sharing_share")
        shares = {(user_id, prep_id): role for prep_id, user_id, role in cursor.fetchall()}
    return {
        (user, prep): OWNER if owners[prep] == user else shares.get((user, prep))
        for user in user_ids
        for prep in prep_ids
    }


def access_now(users, prep_ids) -> dict[tuple[int, int], str | None]:
    found = {}
    for user in users:
        for prep in prep_ids:
            try:
                found[(user.pk, prep)] = prep_access(user, prep).role
            except Http404:
                found[(user.pk, prep)] = None
    return found


def todays_data(worksheet):
    """Meetings as prepmeet holds them before work groups, made with its services."""
    carmen = factories.user_create("carmen")
    time_zone_set(user=carmen, name="America/Chicago")
    dana = factories.user_create("dana")  # no time zone chosen: the deployment's
    lee = factories.user_create("lee")
    first = factories.prep_create(owner=carmen, worksheet=worksheet, meeting_title="Public Safety Work Group")
    question = worksheet.questions.order_by("position").first()
    answer_save(
        prep=first, question=question, text="Chief Rivera — “invite early” 🚑", base_version=0, author=carmen
    )
    answer_save(prep=first, question=question, text="Chief Rivera, Dana Cole", base_version=1, author=carmen)
    person = factories.stakeholder_create(prep=first, name="Chief Rivera", stance="skeptical")
    outcome_row_add(prep=first, kind_name="decision", changes={"text": "Pilot in district 3"})
    outcome_row_add(prep=first, kind_name="commitment", changes={"what": "Send the MOU draft"})
    brief = brief_ensure(prep=first)
    brief_update(prep=first, base_version=brief.version, place="City Hall, room 2")
    second = series_next_create(prep=first, meeting_date=datetime.date(2027, 3, 1), meeting_title="Second")
    third = series_next_create(prep=second, meeting_date=datetime.date(2027, 4, 1), meeting_title="Third")
    alone = factories.prep_create(owner=carmen, worksheet=worksheet, meeting_title="Budget hearing")
    danas = factories.prep_create(owner=dana, worksheet=worksheet, meeting_title="911 center visit")
    # A series whose first meeting was deleted: SET_NULL left the next one without a first.
    orphan_first = factories.prep_create(owner=dana, worksheet=worksheet, meeting_title="Deleted first")
    orphan = series_next_create(
        prep=orphan_first, meeting_date=datetime.date(2027, 5, 1), meeting_title="Orphan"
    )
    orphan_first.delete()
    factories.share_create(prep=second, user=lee, role="commenter")  # invited to meeting 2 only
    factories.share_create(prep=danas, user=carmen, role="editor")
    comment_add(prep=second, author=lee, text="Who answers after midnight?", question_key=question.key)
    comment_add(prep=first, author=carmen, text="Ask about staffing", stakeholder_id=person.pk)
    return {
        "users": [carmen, dana, lee],
        "series": [first, second, third],
        "alone": alone,
        "danas": danas,
        "orphan": orphan,
    }


@pytest.mark.django_db(transaction=True)
def test_work_groups_keep_every_row_and_every_access(worksheet):
    made = todays_data(worksheet)
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    migrate_to([BEFORE_WORK_GROUPS])
    try:
        before = table_rows()
        prep_ids = [row["id"] for row in before["worksheets_meetingprep"]]
        user_ids = [user.pk for user in made["users"]]
        access = access_before(user_ids, prep_ids)
        assert "preps_workgroup" not in before
        assert "work_group_id" not in before["worksheets_meetingprep"][0]
    finally:
        migrate_to(latest)
    after = table_rows()

    for table, rows in before.items():
        new_columns = NEW_COLUMNS.get(table, set())
        kept = [{k: v for k, v in row.items() if k not in new_columns} for row in after[table]]
        assert kept == rows, table
    assert set(after) - set(before) >= NEW_TABLES
    assert access_now(made["users"], prep_ids) == access
    assert access[(made["users"][2].pk, made["series"][1].pk)] == "commenter"
    assert access[(made["users"][2].pk, made["series"][0].pk)] is None

    carmen, dana, _ = made["users"]
    first, second, third = (MeetingPrep.objects.get(pk=prep.pk) for prep in made["series"])
    series_group = first.work_group
    assert second.work_group_id == third.work_group_id == series_group.pk
    assert (series_group.owner_id, series_group.name, series_group.time_zone) == (
        carmen.pk,
        "Public Safety Work Group",
        "America/Chicago",
    )
    assert (series_group.program_name, series_group.jurisdiction) == ("CARE Team", "Springfield")
    alone = MeetingPrep.objects.get(pk=made["alone"].pk).work_group
    assert alone.pk != series_group.pk and alone.name == "Budget hearing"
    assert list(alone.meetings.values_list("pk", flat=True)) == [made["alone"].pk]
    danas = MeetingPrep.objects.get(pk=made["danas"].pk).work_group
    orphan = MeetingPrep.objects.get(pk=made["orphan"].pk).work_group
    assert danas.owner_id == orphan.owner_id == dana.pk and danas.pk != orphan.pk
    assert danas.time_zone == orphan.time_zone == settings.TIME_ZONE
    assert orphan.name == "Orphan"
    assert WorkGroup.objects.count() == 4
