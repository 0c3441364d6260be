"""Remove at once, then offer "Undo": every removable row of a prep (a person, an expected question, an agenda
item, an outcome row, a comment) is removed through ``remove_with_undo`` and put back through
``undo_removal``, which keep what it held in a ``RowRemoval`` (``core.ordered.UndoShelf``) for the person who
removed it only, for ``core.ordered.UNDO_SECONDS``. The rows go with the prep and with the account (CASCADE)
and are purged past their window (every removal, and the ``purge_removals`` command)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import QuerySet

from core.ordered import UndoShelf, row_remove, row_restore

from .models import MeetingPrep, RowRemoval

shelf = UndoShelf(RowRemoval, "prep")


def remove_with_undo(
    *,
    prep: MeetingPrep,
    kind: str,
    row: models.Model,
    label: str,
    by,
    parent: QuerySet,
    rows: QuerySet,
    dependents: Iterable[QuerySet] = (),
) -> RowRemoval:
    """Delete ``row`` (closing the gap it leaves) and keep it, its links and ``dependents`` for ``by`` to
    undo; the removal, to name and offer on the page. ``rows``: its list; ``parent`` (a one-row queryset): the
    row locked first."""
    row_id = row.pk  # deleting the row clears it
    with transaction.atomic():
        snapshot = row_remove(parent=parent, rows=rows, row=row, dependents=dependents)
        record = shelf.remember(user=by, scope=prep, kind=kind, row_id=row_id, label=label, snapshot=snapshot)
    return record


def undo_removal(
    *,
    prep: MeetingPrep,
    kind: str,
    row_id: int,
    by,
    parent: QuerySet,
    rows: QuerySet,
    cap: int | None,
    full: str = "",
    before_restore: Callable[[dict], None] | None = None,
) -> models.Model | None:
    """Put back the row ``by`` removed a moment ago, where it was, with every field, its links and history;
    None when there is nothing to undo (too old, already undone, or removed by someone else). RowsFull
    (nothing changes, the undo stays offered) when the list is full again (``cap``; None: no cap).
    ``before_restore`` may amend the kept row's data (the serializer's) first, or refuse with a
    ValidationError (the undo stays offered)."""
    with transaction.atomic():
        record = shelf.take(user=by, scope=prep, kind=kind, row_id=row_id)
        if record is None:
            return None
        if before_restore is not None:
            before_restore(record.snapshot)
        return row_restore(parent=parent, rows=rows, snapshot=record.snapshot, cap=cap, full=full)


def removals_pending(user, prep: MeetingPrep, kinds: Iterable[str] | None = None) -> list[RowRemoval]:
    """What this person removed here and can still undo, most recent first."""
    return shelf.pending(user=user, scope=prep, kinds=kinds)


@dataclass(frozen=True)
class RemovalNotice:
    """ "Removed “label”. Undo" on a page: ``undo_url`` takes the POST of its Undo button."""

    key: str  # unique on the page: the id of the Undo button's form
    label: str
    undo_url: str


def removal_notices(user, prep: MeetingPrep, undo_urls: dict[str, Callable[[int], str]]) -> dict:
    """The removals this person can still undo here, by kind (the keys of ``undo_urls``, each a function of
    the removed row's id to its undo URL), most recent first: one query for them all."""
    notices: dict[str, list[RemovalNotice]] = {kind: [] for kind in undo_urls}
    for record in removals_pending(user, prep, kinds=list(undo_urls)):
        notices[record.kind].append(
            RemovalNotice(
                key=f"undo-{record.kind}-{record.row_id}",
                label=record.label,
                undo_url=undo_urls[record.kind](record.row_id),
            )
        )
    return notices
