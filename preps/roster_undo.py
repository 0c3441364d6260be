"""Undoing a removal from the roster: what was removed waits ``UNDO_SECONDS`` in a ``RosterRemoval`` row of
the prep and the user who removed it, so the fill page can offer "Undo" and the restore puts the real row
back (``services.stakeholder_restore``). A row rather than session data: deleting the prep or the account
deletes it at once (CASCADE), and every removal deletes the rows past their few minutes."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import MeetingPrep, RosterRemoval
from .services import RemovedStakeholder

UNDO_SECONDS = 15 * 60
UNDO_KEPT = 10  # per prep and user: the most recent removals


def _oldest_kept():
    return timezone.now() - timedelta(seconds=UNDO_SECONDS)


def _fresh(prep: MeetingPrep, user):
    return RosterRemoval.objects.filter(prep=prep, removed_by=user, removed_at__gt=_oldest_kept())


def remember_removed(user, prep: MeetingPrep, removed: RemovedStakeholder) -> None:
    with transaction.atomic():
        RosterRemoval.objects.filter(removed_at__lte=_oldest_kept()).delete()
        RosterRemoval.objects.filter(prep=prep, removed_by=user, person_id=removed.pk).delete()
        RosterRemoval.objects.create(
            prep=prep,
            removed_by=user,
            person_id=removed.pk,
            removed=removed.as_data(),
            removed_at=timezone.now(),
        )
        beyond = _fresh(prep, user).order_by("-removed_at", "-pk").values_list("pk", flat=True)[UNDO_KEPT:]
        RosterRemoval.objects.filter(pk__in=list(beyond)).delete()


def removed_people(user, prep: MeetingPrep) -> list[RemovedStakeholder]:
    """The removals of this prep by this user that can still be undone, most recent first."""
    rows = _fresh(prep, user).order_by("-removed_at", "-pk")[:UNDO_KEPT]
    return [RemovedStakeholder.from_data(row.removed) for row in rows]


def take_removed(user, prep: MeetingPrep, person_pk: int) -> RemovedStakeholder | None:
    """The removal of ``person_pk`` to undo, deleted as it is taken (an undo happens once); None if there is
    none (already undone, too old, or never removed here by this user)."""
    with transaction.atomic():
        row = _fresh(prep, user).filter(person_id=person_pk).select_for_update().first()
        if row is None:
            return None
        row.delete()
    return RemovedStakeholder.from_data(row.removed)
