"""core/ordered.py: append under a cap, move to a place, remove and restore the very row, the undo shelf."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from core import ordered
from core.ordered import RowsFull, row_append, row_index, row_move
from preps.models import MeetingPrep, Person, RowRemoval, Stakeholder, StakeholderRevision
from preps.removals import shelf
from preps.services import stakeholder_put_back, stakeholder_remove, stakeholder_update
from testsupport.factories import expected_question_create, prep_create, roster_fill, stakeholder_create


def names(prep) -> list[str]:
    return list(prep.stakeholders.order_by("position").values_list("name", flat=True))


def test_append_goes_after_the_last_and_stops_at_the_cap(prep):
    roster_fill(prep, 2)
    rows = Stakeholder.objects.filter(prep=prep)
    parent = MeetingPrep.objects.filter(pk=prep.pk)

    def make(position):
        person = Person.objects.create(work_group=prep.work_group, name=f"At {position}")
        return Stakeholder.objects.create(prep=prep, person=person, name=person.name, position=position)

    assert row_append(parent=parent, rows=rows, cap=3, full="Full.", make=make).position == 2
    with pytest.raises(RowsFull, match="Full."):
        row_append(parent=parent, rows=rows, cap=3, full="Full.", make=make)
    assert rows.count() == 3


@pytest.mark.parametrize(
    ("to_position", "expected"), [(-3, "CAB"), (0, "CAB"), (1, "ACB"), (2, "ABC"), (9, "ABC")]
)
def test_move_clamps_and_renumbers(prep, to_position, expected):
    people = {name: stakeholder_create(prep=prep, name=name) for name in "ABC"}
    rows = Stakeholder.objects.filter(prep=prep)
    order = row_move(
        parent=MeetingPrep.objects.filter(pk=prep.pk),
        rows=rows,
        row_id=people["C"].pk,
        to_position=to_position,
    )
    assert "".join(p.name for p in order) == "".join(names(prep)) == expected
    assert list(rows.order_by("position").values_list("position", flat=True)) == [0, 1, 2]
    assert row_index(rows, people["C"].pk) == expected.index("C")


def test_move_and_index_refuse_a_row_of_another_list(prep, outsider):
    theirs = stakeholder_create(prep=prep_create(owner=outsider), name="Theirs")
    rows = Stakeholder.objects.filter(prep=prep)
    with pytest.raises(Stakeholder.DoesNotExist):
        row_index(rows, theirs.pk)
    with pytest.raises(Stakeholder.DoesNotExist):
        row_move(parent=MeetingPrep.objects.filter(pk=prep.pk), rows=rows, row_id=theirs.pk, to_position=0)


def test_restore_brings_back_every_field_the_place_the_links_and_the_history(prep, owner):
    a, b, c = roster_fill(prep, 3, concerns="Worried {name}", influence="high")
    stakeholder_update(
        prep=prep, stakeholder_id=b.pk, base_version=1, changes={"role": "Chief"}, author=owner
    )
    question = expected_question_create(prep=prep, text="Who pays?", askers=[b, c])
    history = list(
        StakeholderRevision.objects.filter(stakeholder=b).values_list("field", "value", "author_id")
    )
    assert history

    removal = stakeholder_remove(prep=prep, stakeholder_id=b.pk, by=owner)
    assert (removal.kind, removal.row_id, removal.label) == ("person", b.pk, "Person 2")
    assert names(prep) == ["Person 1", "Person 3"]
    assert not StakeholderRevision.objects.filter(stakeholder_id=b.pk).exists()

    back = stakeholder_put_back(prep=prep, stakeholder_id=b.pk, by=owner)
    assert names(prep) == ["Person 1", "Person 2", "Person 3"]
    assert (back.pk, back.role, back.concerns, back.influence, back.version) == (
        b.pk,
        "Chief",
        "Worried Person 2",
        "high",
        3,  # saved once (2), then one on, so a window still showing version 2 reloads
    )
    assert set(question.askers.all()) == {back, c}
    assert list(
        StakeholderRevision.objects.filter(stakeholder=back).values_list("field", "value", "author_id")
    ) == (history)
    assert not RowRemoval.objects.exists()  # an undo happens once


def test_restore_leaves_out_links_to_rows_gone_since(prep, owner):
    a, b = roster_fill(prep, 2)
    question = expected_question_create(prep=prep, text="Who pays?", askers=[a, b])
    stakeholder_remove(prep=prep, stakeholder_id=a.pk, by=owner)
    question.delete()
    back = stakeholder_put_back(prep=prep, stakeholder_id=a.pk, by=owner)
    assert back.pk == a.pk and names(prep) == ["Person 1", "Person 2"]


def test_only_the_one_who_removed_can_undo_and_only_for_a_while(prep, owner, outsider, monkeypatch):
    (person,) = roster_fill(prep, 1)
    stakeholder_remove(prep=prep, stakeholder_id=person.pk, by=owner)
    assert stakeholder_put_back(prep=prep, stakeholder_id=person.pk, by=outsider) is None
    assert shelf.pending(user=outsider, scope=prep) == []
    assert [r.row_id for r in shelf.pending(user=owner, scope=prep)] == [person.pk]
    monkeypatch.setattr(ordered, "UNDO_SECONDS", 0)
    assert shelf.pending(user=owner, scope=prep) == []
    assert stakeholder_put_back(prep=prep, stakeholder_id=person.pk, by=owner) is None
    assert not Stakeholder.objects.exists()


def test_each_person_keeps_their_ten_latest_removals(prep, owner):
    people = roster_fill(prep, 12)
    for person in people:
        stakeholder_remove(prep=prep, stakeholder_id=person.pk, by=owner)
    kept = [r.row_id for r in shelf.pending(user=owner, scope=prep)]
    assert kept == [p.pk for p in reversed(people)][: ordered.UNDO_KEPT]


def test_purge_removals_deletes_what_is_past_its_undo(prep, owner, capsys):
    old, fresh = roster_fill(prep, 2, concerns="Private note on {name}")
    stakeholder_remove(prep=prep, stakeholder_id=old.pk, by=owner)
    RowRemoval.objects.update(removed_at=timezone.now() - timedelta(seconds=ordered.UNDO_SECONDS + 1))
    stakeholder_remove(prep=prep, stakeholder_id=fresh.pk, by=owner)  # every removal purges the old ones
    assert list(RowRemoval.objects.values_list("row_id", flat=True)) == [fresh.pk]
    RowRemoval.objects.update(removed_at=timezone.now() - timedelta(seconds=ordered.UNDO_SECONDS + 1))
    call_command("purge_removals")
    assert "Purged 1 removal past their undo window." in capsys.readouterr().out
    assert not RowRemoval.objects.exists()
