"""Outcome rows: remove at once, Undo puts the very row back where it was; rows that come with the roster
cannot be removed."""

import datetime

from django.urls import reverse

from outcomes.models import Attendance, Commitment
from outcomes.services import outcome_ensure, outcome_row_add
from testsupport.factories import stakeholder_create


def whats(prep) -> list[str]:
    return list(
        Commitment.objects.filter(outcome__prep=prep).order_by("position").values_list("what", flat=True)
    )


def test_a_commitment_removed_comes_back_with_every_field_in_its_place(owner_client, prep):
    chief = stakeholder_create(prep=prep, name="Chief Ruiz")
    for what in ("First", "Second", "Third"):
        outcome_row_add(prep=prep, kind_name="commitment", changes={"what": what})
    second = Commitment.objects.get(what="Second")
    Commitment.objects.filter(pk=second.pk).update(
        owner_person=chief, due=datetime.date(2027, 1, 15), done=True
    )
    response = owner_client.post(reverse("outcome_row_remove", args=[prep.pk, "commitment", second.pk]))
    assert response.status_code == 302 and whats(prep) == ["First", "Third"]
    page = owner_client.get(reverse("outcome_record", args=[prep.pk])).content.decode()
    assert "Removed “<bdi>Second</bdi>” from the commitments." in page

    response = owner_client.post(reverse("outcome_row_undo", args=[prep.pk, "commitment", second.pk]))
    assert response.status_code == 302 and response["Location"].endswith(f"#commitment-{second.pk}")
    assert whats(prep) == ["First", "Second", "Third"]
    back = Commitment.objects.get(pk=second.pk)
    assert (back.owner_person, back.due, back.done, back.version) == (
        chief,
        datetime.date(2027, 1, 15),
        True,
        2,
    )


def test_a_roster_attendance_or_a_stance_cannot_be_removed(owner_client, prep):
    stakeholder_create(prep=prep, name="Chief Ruiz")
    outcome = outcome_ensure(prep=prep)
    attendance = Attendance.objects.get(outcome=outcome)
    stance = outcome.stance_changes.get()
    for kind, pk in (("attendee", attendance.pk), ("stance", stance.pk)):
        assert owner_client.post(reverse("outcome_row_remove", args=[prep.pk, kind, pk])).status_code == 404
    assert Attendance.objects.filter(pk=attendance.pk).exists()
    assert outcome.stance_changes.filter(pk=stance.pk).exists()


def test_an_attendee_not_on_the_roster_can_be_removed_and_put_back(owner_client, prep):
    row = outcome_row_add(prep=prep, kind_name="attendee", changes={"name": "Guest"})
    owner_client.post(reverse("outcome_row_remove", args=[prep.pk, "attendee", row.pk]))
    assert not Attendance.objects.filter(pk=row.pk).exists()
    owner_client.post(reverse("outcome_row_undo", args=[prep.pk, "attendee", row.pk]))
    back = Attendance.objects.get(pk=row.pk)
    assert (back.name, back.attended) == ("Guest", True)
