"""The migration into a work group's people (preps 0015-0017) loses nothing and joins the right copies.

Today's data is made with today's services - a series of three meetings prepared one from the next (each
roster copied from the last), with notes that differ per meeting, an outcome, comments about a person,
roster revisions, a person left off one meeting and back at the next, two people of one name on one roster,
the same name in another group - then the database is migrated back to before people (preps 0014), a few
names are retyped as a director would have (other case, other spaces), and every table is read. Migrated
forward, every row, text and version is the same (the only new column is the roster's ``person_id``), the
copies of one person across the series are one person with each meeting's notes kept, and distinct people
stay distinct. Runs on SQLite and, in CI's second pass, on PostgreSQL.
"""

import datetime

import pytest
from django.db import connection

from outcomes.series import series_next_create
from outcomes.services import outcome_row_add
from preps.models import Person, Stakeholder
from preps.services import stakeholder_create, stakeholder_remove, stakeholder_update
from sharing.services import comment_add
from testsupport import factories
from testsupport.migrations import latest_migrations, migrate_to, table_rows

BEFORE_PEOPLE = ("preps", "0014_work_group_membership")
# Migrating back before people also takes back what depends on them (the asks app's tables), which the
# forward migration makes again.
NEW_TABLES = {
    "preps_person",
    "preps_engagementplan",
    "asks_questionrequest",
    "asks_requestlink",
    "asks_sentquestion",
}
NEW_COLUMNS = {"preps_stakeholder": {"person_id"}}


def todays_data(worksheet) -> dict:
    carmen = factories.user_create("carmen")
    first = factories.prep_create(owner=carmen, worksheet=worksheet, meeting_title="Public Safety Work Group")
    rivera = stakeholder_create(prep=first, name="Chief Rivera", organisation="Springfield PD", kind="police")
    stakeholder_update(
        prep=first,
        stakeholder_id=rivera.pk,
        base_version=1,
        changes={"concerns": "Liability — “first”"},
        author=carmen,
    )
    cole = stakeholder_create(prep=first, name="Dana Cole", organisation="911 Center")
    twin_a = stakeholder_create(prep=first, name="Sam Lee", organisation="Fire")
    twin_b = stakeholder_create(prep=first, name="Sam Lee", organisation="Fire", concerns="the other Sam")
    outcome_row_add(
        prep=first, kind_name="commitment", changes={"what": "Send data", "owner_person": str(rivera.pk)}
    )
    comment_add(prep=first, author=carmen, text="Prefers mornings", stakeholder_id=rivera.pk)
    second = series_next_create(prep=first, meeting_date=datetime.date(2027, 3, 1), meeting_title="Second")
    in_second = {entry.name + str(entry.position): entry for entry in Stakeholder.objects.filter(prep=second)}
    stakeholder_update(
        prep=second,
        stakeholder_id=in_second["Chief Rivera0"].pk,
        base_version=1,
        changes={"concerns": "Overtime"},
        author=carmen,
    )
    # Left off meeting 2.
    stakeholder_remove(prep=second, stakeholder_id=in_second["Dana Cole1"].pk, by=carmen)
    third = series_next_create(prep=second, meeting_date=datetime.date(2027, 4, 1), meeting_title="Third")
    back = stakeholder_create(prep=third, name="Dana Cole", organisation="911 Center")  # and back at 3
    other_group = factories.prep_create(owner=carmen, worksheet=worksheet, meeting_title="Budget hearing")
    elsewhere = stakeholder_create(prep=other_group, name="Chief Rivera", organisation="Springfield PD")
    return {
        "series": [first, second, third],
        "rivera": rivera,
        "cole": cole,
        "cole_back": back,
        "twins": (twin_a, twin_b),
        "elsewhere": elsewhere,
    }


def retype(entry_id: int, name: str) -> None:
    """A name as a director typed it again in an older version (before people, names were per meeting)."""
    with connection.cursor() as cursor:
        cursor.execute("UPDATE preps_stakeholder SET name = %s WHERE id = %s", [name, entry_id])


@pytest.mark.django_db(transaction=True)
def test_copies_of_a_person_become_one_person_and_every_row_stays(worksheet):
    made = todays_data(worksheet)
    latest = latest_migrations()
    migrate_to([BEFORE_PEOPLE])
    try:
        third_rivera = Stakeholder.objects.filter(prep_id=made["series"][2].pk, position=0).values_list("pk")[
            0
        ][0]
        retype(third_rivera, "  chief   RIVERA ")
        before = table_rows()
        assert "preps_person" not in before
        assert "person_id" not in before["preps_stakeholder"][0]
    finally:
        migrate_to(latest)
    after = table_rows()

    for table, rows in before.items():
        new_columns = NEW_COLUMNS.get(table, set())
        kept = [{k: v for k, v in row.items() if k not in new_columns} for row in after[table]]
        assert kept == rows, table
    assert set(after) - set(before) == NEW_TABLES

    first, second, third = made["series"]
    riveras = Stakeholder.objects.filter(prep__in=[first, second, third], organisation="Springfield PD")
    assert riveras.count() == 3
    assert len({entry.person_id for entry in riveras}) == 1
    rivera = Person.objects.get(pk=riveras.first().person_id)
    # Each meeting's notes stay with it; the person's name is the latest entry's.
    assert [e.concerns for e in riveras.order_by("prep_id")] == [
        "Liability — “first”",
        "Overtime",
        "Overtime",
    ]
    assert (rivera.name, rivera.agency, rivera.kind, rivera.email) == (
        "  chief   RIVERA ",
        "Springfield PD",
        "police",
        "",
    )

    cole = Stakeholder.objects.get(pk=made["cole"].pk)
    assert Stakeholder.objects.get(pk=made["cole_back"].pk).person_id == cole.person_id  # left off one, back

    twin_a, twin_b = (Stakeholder.objects.get(pk=twin.pk) for twin in made["twins"])
    assert twin_a.person_id != twin_b.person_id  # two of one name on one roster stay two
    twins_later = Stakeholder.objects.filter(prep__in=[second, third], name="Sam Lee").order_by(
        "prep_id", "position"
    )
    assert [e.person_id for e in twins_later] == [twin_a.person_id, twin_b.person_id] * 2

    elsewhere = Stakeholder.objects.get(pk=made["elsewhere"].pk)
    assert elsewhere.person_id != rivera.pk  # another group's person of the same name is another person
    assert elsewhere.person.work_group_id == elsewhere.prep.work_group_id
    assert all(entry.person.work_group_id == entry.prep.work_group_id for entry in Stakeholder.objects.all())
    assert Person.objects.count() == 5  # Rivera, Cole, two Sams; Rivera in the other group
