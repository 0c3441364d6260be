"""The migration from roster removals to row removals (preps 0013) keeps each waiting removal: migrated
forward, a person removed before it is still put back by Undo, with their fields, place and askers; migrated
back, the removal is a roster removal again. Runs on SQLite and, in CI's second pass, on PostgreSQL."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from preps.models import Stakeholder
from preps.services import stakeholder_put_back
from testsupport.factories import expected_question_create, roster_fill

BEFORE = ("preps", "0012_expected_question_history")
AFTER = ("preps", "0013_row_removal")

pytestmark = pytest.mark.django_db(transaction=True)


def migrate_to(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    executor.loader.build_graph()
    return executor.loader.project_state([target]).apps


def migrate_to_latest() -> None:
    MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_a_removal_waiting_for_undo_survives_the_migration(prep, owner):
    a, b = roster_fill(prep, 2, concerns="Worried {name}")
    question = expected_question_create(prep=prep, text="Who pays?", askers=[b])
    old = {
        "pk": b.pk,
        "position": b.position,
        "version": b.version,
        "fields": {"name": b.name, "concerns": b.concerns, "kind": b.kind, "invite": b.invite},
        "asked_question_ids": [question.pk],
    }
    b_pk = b.pk
    b.delete()
    try:
        apps = migrate_to(BEFORE)
        apps.get_model("preps", "RosterRemoval").objects.create(
            prep_id=prep.pk, removed_by_id=owner.pk, person_id=b_pk, removed=old, removed_at=timezone.now()
        )
        migrate_to(AFTER)
        # Today's services need today's schema (people came after, preps 0014-0016): the removal, kept before
        # people existed, comes back as a new person of the work group.
        migrate_to_latest()
        back = stakeholder_put_back(prep=prep, stakeholder_id=b_pk, by=owner)
        assert (back.person.work_group_id, back.person.name) == (prep.work_group_id, "Person 2")
        assert (back.pk, back.name, back.concerns, back.position, back.version) == (
            b_pk,
            "Person 2",
            "Worried Person 2",
            1,
            2,
        )
        assert list(question.askers.all()) == [back]

        apps = migrate_to(AFTER)
        apps.get_model("preps", "RowRemoval").objects.create(
            prep_id=prep.pk,
            removed_by_id=owner.pk,
            kind="person",
            row_id=a.pk,
            label="Person 1",
            snapshot={
                "rows": [{"model": "preps.stakeholder", "pk": a.pk, "fields": {"position": 0, "version": 1}}]
            },
            removed_at=timezone.now(),
        )
        apps = migrate_to(BEFORE)
        (removal,) = apps.get_model("preps", "RosterRemoval").objects.all()
        assert (removal.person_id, removal.removed["pk"], removal.removed["position"]) == (a.pk, a.pk, 0)
    finally:
        migrate_to_latest()
    assert Stakeholder.objects.filter(prep=prep).count() == 2
