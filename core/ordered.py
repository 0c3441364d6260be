"""One way to keep ordered rows (people on a roster, expected questions, agenda items, outcome rows): append
under a cap, move to a place, and remove with an undo that puts the very row back.

- ``row_append``: lock the parent row, check the cap, add at the end (max position + 1).
- ``row_move``: move one row ``to_position`` (0-based, clamped), the others renumbered 0..n-1. The one
  word for moving: a page's "Move up" / "Move down" is ``to_position=row_index(...) - 1`` / ``+ 1``.
- ``row_remove`` / ``row_restore``: the row, its links (many-to-many ids) and the rows that go with it (its
  history) as plain data; the restore puts them back with the same id, place and links, one version on.
- ``UndoShelf``: where removals wait for their undo, per scope (a prep) and person, for ``UNDO_SECONDS``.

Positions are not versioned: moving never makes another window's text edit conflict. Rows without a
``position`` field (an outcome's attendees, in order of adding) work too: there is then nothing to renumber.
"""

import json
from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any, TypeVar

from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Max, QuerySet
from django.utils import timezone

M = TypeVar("M", bound=models.Model)

UNDO_SECONDS = 15 * 60  # how long a removal can be undone; past it, what it held is deleted
UNDO_KEPT = 10  # per scope and person: the most recent removals
NOTHING_TO_UNDO = "There is nothing to undo: that removal is too old, was already undone, or was not yours."


class RowsFull(ValidationError):
    """The parent already holds its cap of rows."""


def _has_position(model: type[models.Model]) -> bool:
    return any(field.name == "position" for field in model._meta.concrete_fields)


def _lock(parent: QuerySet) -> None:
    """Lock the parent's row, so two writes to its rows at once take turns (a no-op on SQLite, which has one
    writer)."""
    parent.select_for_update().values_list("pk", flat=True).first()


def row_append(*, parent: QuerySet, rows: QuerySet, cap: int, full: str, make: Callable[[int], M]) -> M:
    """``make(position)`` at the end of ``rows`` (the parent's rows), under ``cap``: RowsFull(``full``)
    past it. Call inside ``transaction.atomic``; the parent (a one-row queryset) is locked first, so two adds
    at once cannot take the same position or pass the cap together."""
    _lock(parent)
    if rows.count() >= cap:
        raise RowsFull(full, code="full")
    if not _has_position(rows.model):
        return make(0)
    last = rows.aggregate(last=Max("position"))["last"]
    return make(0 if last is None else last + 1)


def row_index(rows: QuerySet, row_id: int) -> int:
    """Where the row is in its list (0-based): what a Move up or Move down counts from. DoesNotExist if the
    row is not among ``rows``."""
    order = list(rows.order_by("position", "pk").values_list("pk", flat=True))
    if row_id not in order:
        raise rows.model.DoesNotExist(f"No row {row_id} here.")
    return order.index(row_id)


def row_move(*, parent: QuerySet, rows: QuerySet, row_id: int, to_position: int) -> list:
    """Move the row to ``to_position`` (0-based; clamped to the list) and renumber the list 0..n-1; the rows
    in their new order. DoesNotExist if the row is not among ``rows``."""
    with transaction.atomic():
        _lock(parent)
        ordered = list(rows.order_by("position", "pk"))
        moving = next((row for row in ordered if row.pk == row_id), None)
        if moving is None:
            raise rows.model.DoesNotExist(f"No row {row_id} here.")
        ordered.remove(moving)
        ordered.insert(max(0, min(int(to_position), len(ordered))), moving)
        changed = [row for position, row in enumerate(ordered) if row.position != position]
        for row in changed:
            row.position = ordered.index(row)
        rows.model.objects.bulk_update(changed, ["position"])
    return ordered


# Removing with an undo. What a removal keeps is the serializer's plain data (JSON): the row with every field
# and its many-to-many ids, then the rows that go with it (``dependents``: its history, a link table's rows).


def row_remove(
    *, parent: QuerySet, rows: QuerySet, row: models.Model, dependents: Iterable[QuerySet] = ()
) -> dict:
    """Delete ``row`` (one of ``rows``, locked through their ``parent``) and close the gap it leaves; what it
    held, for ``row_restore``. Call inside ``transaction.atomic``."""
    _lock(parent)
    snapshot = {
        "rows": json.loads(
            serializers.serialize("json", [row, *(obj for queryset in dependents for obj in queryset)])
        )
    }
    row.delete()
    if _has_position(rows.model):
        rows.filter(position__gt=row.position).update(position=F("position") - 1)
    return snapshot


def row_restore(
    *, parent: QuerySet, rows: QuerySet, snapshot: dict, cap: int | None, full: str = ""
) -> models.Model:
    """Put a removed row back among ``rows`` (its list) where it was (its id if still free), with every field,
    its links that still exist and the rows that went with it; one version on, so a window still showing it
    as it was reloads before its saves count. RowsFull past the cap; ValidationError when what it belonged
    to is gone. ``cap`` None: a list without one (comments). Call inside ``transaction.atomic``."""
    _lock(parent)
    restored = list(serializers.deserialize("json", json.dumps(snapshot["rows"])))
    main = restored[0]
    # Oldest first, so a revision's link to an earlier one (``restored_from``) finds it back.
    dependents = sorted(restored[1:], key=lambda item: (item.object._meta.label, item.object.pk or 0))
    row = main.object
    model = type(row)
    siblings = rows
    count = siblings.count()
    if cap is not None and count >= cap:
        raise RowsFull(full, code="full")
    old_pk = row.pk
    if model.objects.filter(pk=old_pk).exists():
        row.pk = None
    if _has_position(model):
        row.position = min(row.position, count)
        siblings.filter(position__gte=row.position).update(position=F("position") + 1)
    if hasattr(row, "version"):
        row.version += 1
    if not _drop_missing_targets(row):
        raise ValidationError("What this row belonged to is gone, so it cannot be put back.", code="gone")
    if row.pk is None:
        row.save(force_insert=True)
    else:
        models.Model.save_base(row, raw=True, force_insert=True)
    for name, ids in main.m2m_data.items():
        related = row._meta.get_field(name).related_model
        getattr(row, name).set(related.objects.filter(pk__in=ids).values_list("pk", flat=True))
    for item in dependents:
        obj = item.object
        for field in obj._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and field.related_model is model:
                if getattr(obj, field.attname) == old_pk:
                    setattr(obj, field.attname, row.pk)
        if not _drop_missing_targets(obj, pointing_to=model):
            continue
        if obj.pk is None or type(obj).objects.filter(pk=obj.pk).exists():
            obj.pk = None
            obj.save(force_insert=True)
        else:
            models.Model.save_base(obj, raw=True, force_insert=True)
    return row


def _drop_missing_targets(obj: models.Model, pointing_to: type[models.Model] | None = None) -> bool:
    """Clear each nullable foreign key whose row is gone since (a person, a colleague's account); False when
    a required one is gone (the dependent row cannot come back)."""
    for field in obj._meta.concrete_fields:
        if not isinstance(field, models.ForeignKey) or field.related_model is pointing_to:
            continue
        target = getattr(obj, field.attname)
        if target is None or field.related_model._base_manager.filter(pk=target).exists():
            continue
        if not field.null:
            return False
        setattr(obj, field.attname, None)
    return True


class UndoShelf:
    """Removals waiting for their undo, in ``model``: a row per removal with ``<scope>`` and ``removed_by``
    (foreign keys that CASCADE, so deleting the prep or the account deletes them), ``kind``, ``row_id``,
    ``label``, ``snapshot`` and ``removed_at``. Only the person who removed a row can see or undo it; past
    ``UNDO_SECONDS`` it is gone: every removal deletes the old ones, and ``purge`` (the ``purge_removals``
    command) deletes them when nobody removes anything."""

    def __init__(self, model: type[models.Model], scope: str):
        self.model = model
        self.scope = scope

    def _oldest_kept(self):
        return timezone.now() - timedelta(seconds=UNDO_SECONDS)

    def _fresh(self, scope: models.Model, user) -> QuerySet:
        return self.model.objects.filter(
            **{self.scope: scope}, removed_by=user, removed_at__gt=self._oldest_kept()
        )

    def remember(
        self, *, user, scope: models.Model, kind: str, row_id: int, label: str, snapshot: dict
    ) -> Any:
        with transaction.atomic():
            self.purge()
            self.model.objects.filter(
                **{self.scope: scope}, removed_by=user, kind=kind, row_id=row_id
            ).delete()
            record = self.model.objects.create(
                **{self.scope: scope},
                removed_by=user,
                kind=kind,
                row_id=row_id,
                label=label[:200],
                snapshot=snapshot,
                removed_at=timezone.now(),
            )
            beyond = self._fresh(scope, user).order_by("-removed_at", "-pk").values_list("pk", flat=True)
            self.model.objects.filter(pk__in=list(beyond[UNDO_KEPT:])).delete()
        return record

    def pending(self, *, user, scope: models.Model, kinds: Iterable[str] | None = None) -> list:
        """The removals this person can still undo here, most recent first."""
        rows = self._fresh(scope, user)
        if kinds is not None:
            rows = rows.filter(kind__in=list(kinds))
        return list(rows.order_by("-removed_at", "-pk")[:UNDO_KEPT])

    def take(self, *, user, scope: models.Model, kind: str, row_id: int):
        """The removal to undo, deleted as it is taken (an undo happens once); None if there is none
        (already undone, too old, another person's, or never removed here)."""
        with transaction.atomic():
            record = self._fresh(scope, user).filter(kind=kind, row_id=row_id).select_for_update().first()
            if record is not None:
                record.delete()
        return record

    def purge(self) -> int:
        """Delete the removals past their undo: what they held does not linger."""
        return self.model.objects.filter(removed_at__lte=self._oldest_kept()).delete()[0]
