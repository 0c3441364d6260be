"""Writes to a meeting's outcome. Every write takes the prep the view got from the access helper and checks
that the row belongs to that prep's outcome (another prep's row is ``DoesNotExist``: a 404), that a person
named is on that prep's roster, and validates every value before writing anything: bad input changes nothing.
Rows save through ``preps.services.versioned_update``: the answers' conflict rule."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from core.ids import parse_id
from core.ordered import row_append
from core.saves import SaveResult
from core.text import choice_value, text_value
from preps.models import MeetingPrep, RowRemoval, Stakeholder
from preps.removals import remove_with_undo, undo_removal
from preps.services import versioned_update
from preps.signals import prep_changed

from .models import (
    OUTCOME_MAX_ROWS,
    OUTCOME_NAME_MAX,
    OUTCOME_TEXT_MAX,
    Attendance,
    Commitment,
    Decision,
    MeetingOutcome,
    OpenQuestion,
    StanceChange,
)

OUTCOME_FULL = f"At most {OUTCOME_MAX_ROWS} of these per meeting."
TRUE_WORDS = {"on", "yes", "true", "1"}
FALSE_WORDS = {"", "off", "no", "false", "0"}


def _text(label: str, *, required: bool = False, limit: int = OUTCOME_TEXT_MAX):
    def clean(prep: MeetingPrep, value: str) -> str:
        return text_value(value, label=label, limit=limit, required=required, strip=limit == OUTCOME_NAME_MAX)

    return clean


def _bool(label: str):
    def clean(prep: MeetingPrep, value: str) -> bool:
        if value.lower() in TRUE_WORDS:
            return True
        if value.lower() in FALSE_WORDS:
            return False
        raise ValidationError(f"{label} must be ticked or not.", code="invalid")

    return clean


def _date(label: str):
    def clean(prep: MeetingPrep, value: str) -> datetime.date | None:
        if not value.strip():
            return None
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(f"{label} must be a date (YYYY-MM-DD).", code="invalid") from None

    return clean


def _choice(label: str, choices):
    def clean(prep: MeetingPrep, value: str) -> str:
        return choice_value(value, label=label, choices=choices)

    return clean


def _person(label: str):
    def clean(prep: MeetingPrep, value: str) -> Stakeholder | None:
        if not value.strip():
            return None
        person_id = parse_id(value)
        person = (
            Stakeholder.objects.filter(prep=prep, pk=person_id).first() if person_id is not None else None
        )
        if person is None:
            raise ValidationError(f"{label} must be a person on this meeting's roster.", code="unknown_id")
        return person

    return clean


@dataclass(frozen=True)
class Kind:
    """One kind of outcome row: its model, the fields a director may write (name -> cleaner), and whether
    she adds and removes rows of it (attendance of roster people and stance changes come with the roster)."""

    model: type[models.Model]
    fields: dict
    required: tuple[str, ...] = ()
    addable: bool = True
    booleans: tuple[str, ...] = ()  # ticked or not: a plain form leaves an unticked one out
    label: str = "text"  # the field that names a row: "Removed “…”"


KINDS: dict[str, Kind] = {
    "decision": Kind(Decision, {"text": _text("A decision", required=True)}, required=("text",)),
    "commitment": Kind(
        Commitment,
        {
            "what": _text("What was promised", required=True),
            "owner_person": _person("Who owns it"),
            "owner_name": _text("Who owns it", limit=OUTCOME_NAME_MAX),
            "due": _date("The due date"),
            "done": _bool("Done"),
        },
        required=("what",),
        booleans=("done",),
        label="what",
    ),
    "open-question": Kind(
        OpenQuestion, {"text": _text("An open question", required=True)}, required=("text",)
    ),
    "attendee": Kind(
        Attendance,
        {"attended": _bool("Attended"), "name": _text("A name", required=True, limit=OUTCOME_NAME_MAX)},
        required=("name",),
        booleans=("attended",),
        label="name",
    ),
    "stance": Kind(
        StanceChange,
        {
            "stance": _choice("Stance", Stakeholder.Stance.choices),
            "influence": _choice("Influence", Stakeholder.Influence.choices),
            "note": _text("The note"),
        },
        addable=False,
    ),
}


def kind_of(name: str) -> Kind:
    """The kind named ``name``; LookupError for any other name."""
    return KINDS[name]


def outcome_values_clean(prep: MeetingPrep, kind: Kind, changes: dict[str, str]) -> dict:
    """Each change as it will be stored, or ValidationError (an unknown field, a bad value)."""
    unknown = set(changes) - set(kind.fields)
    if unknown:
        raise ValidationError(f"Not a field here: {', '.join(sorted(unknown))}.", code="unknown_field")
    values = {}
    for field, value in changes.items():
        if not isinstance(value, str):
            raise ValidationError(f"{field} must be text.", code="invalid")
        values[field] = kind.fields[field](prep, value)
    return values


def outcome_ensure(*, prep: MeetingPrep) -> MeetingOutcome:
    """The prep's outcome, made the first time; and a row of attendance and of ratings for each person on the
    roster who has none yet (people added since), their ratings starting from the roster's."""
    outcome = MeetingOutcome.objects.filter(prep=prep).first()
    if outcome is None:
        try:
            with transaction.atomic():
                outcome = MeetingOutcome.objects.create(prep=prep)
        except IntegrityError:  # another request made it first
            outcome = MeetingOutcome.objects.get(prep=prep)
    people = list(Stakeholder.objects.filter(prep=prep).exclude(stance_changes__outcome=outcome))
    if people:
        with transaction.atomic():
            StanceChange.objects.bulk_create(
                [
                    StanceChange(outcome=outcome, stakeholder=p, stance=p.stance, influence=p.influence)
                    for p in people
                ],
                ignore_conflicts=True,
            )
            Attendance.objects.bulk_create(
                [Attendance(outcome=outcome, stakeholder=p) for p in people], ignore_conflicts=True
            )
    return outcome


def _rows(prep: MeetingPrep, kind: Kind):
    return kind.model.objects.filter(outcome__prep=prep)


def _touch(outcome_id: int, now) -> None:
    MeetingOutcome.objects.filter(pk=outcome_id).update(updated_at=now)
    prep_changed.send(sender=MeetingOutcome, outcome_id=outcome_id)  # documents/prerender.py


def outcome_row_add(*, prep: MeetingPrep, kind_name: str, changes: dict[str, str]) -> models.Model:
    """Add a row of ``kind_name`` at the end (an attendee not on the roster: ticked as attended).
    ValidationError for bad input or past ``OUTCOME_MAX_ROWS``; LookupError for a kind one cannot add."""
    kind = kind_of(kind_name)
    if not kind.addable:
        raise LookupError(kind_name)
    missing = [field for field in kind.required if field not in changes]
    values = outcome_values_clean(prep, kind, {**{f: "" for f in missing}, **changes})
    outcome = outcome_ensure(prep=prep)
    if kind.model is Attendance:
        values.setdefault("attended", True)

    def make(position: int) -> models.Model:
        if kind.model is not Attendance:
            values["position"] = position
        return kind.model.objects.create(outcome=outcome, **values)

    with transaction.atomic():
        row = row_append(
            parent=MeetingOutcome.objects.filter(pk=outcome.pk),
            rows=kind.model.objects.filter(outcome=outcome),
            cap=OUTCOME_MAX_ROWS,
            full=OUTCOME_FULL,
            make=make,
        )
        _touch(outcome.pk, timezone.now())
    return row


def outcome_row_save(
    *,
    prep: MeetingPrep,
    kind_name: str,
    row_id: int,
    base_version: int,
    changes: dict[str, str],
    author=None,
) -> SaveResult:
    """Save the changed fields of one row in one versioned update: all of them if the row is still at
    ``base_version``, none otherwise. DoesNotExist if the row is not this prep's; ValidationError for bad
    input. A roster person's attendance keeps the roster's name (``name`` is for the others)."""
    kind = kind_of(kind_name)
    rows = _rows(prep, kind).filter(pk=row_id)
    if kind.model is Attendance and "name" in changes and rows.filter(stakeholder__isnull=False).exists():
        raise ValidationError("This person's name is kept on the roster.", code="invalid")
    values = outcome_values_clean(prep, kind, changes)
    now = timezone.now()
    with transaction.atomic():
        row = rows.get()
        fields = values | {"updated_by": author}
        updated = versioned_update(rows=rows, base_version=base_version, now=now, **fields) if values else 0
        if updated:
            _touch(row.outcome_id, now)
            row = rows.get()
    saved_at = row.updated_at if updated else None
    return SaveResult(
        saved=bool(updated) or not values,
        version=row.version,
        saved_at=saved_at,
        editor=None if updated else row.updated_by,
        row=row,
    )


def _removable(prep: MeetingPrep, kind_name: str):
    """The kind and the rows of it one may remove: the ones she added (not the roster's attendance rows);
    LookupError for a kind that comes with the roster."""
    kind = kind_of(kind_name)
    if not kind.addable:
        raise LookupError(kind_name)
    rows = _rows(prep, kind)
    return kind, rows.filter(stakeholder__isnull=True) if kind.model is Attendance else rows


def outcome_row_remove(*, prep: MeetingPrep, kind_name: str, row_id: int, by) -> RowRemoval:
    """Remove a row she added, at once; ``by`` can undo it for a few minutes (``outcome_row_put_back``).
    DoesNotExist if not this prep's (or one that comes with the roster)."""
    kind, rows = _removable(prep, kind_name)
    with transaction.atomic():
        row = rows.select_for_update().get(pk=row_id)
        outcome = MeetingOutcome.objects.filter(pk=row.outcome_id)
        removal = remove_with_undo(
            prep=prep,
            kind=kind_name,
            row=row,
            label=str(getattr(row, kind.label)),
            by=by,
            parent=outcome,
            rows=kind.model.objects.filter(outcome_id=row.outcome_id),
        )
        _touch(row.outcome_id, timezone.now())
    return removal


def outcome_row_put_back(*, prep: MeetingPrep, kind_name: str, row_id: int, by) -> models.Model | None:
    """Put back a row ``by`` removed a moment ago, where it was, with every field (its owner if still on
    the roster). None when there is nothing to undo; RowsFull past the cap."""
    kind, _rows_now = _removable(prep, kind_name)
    outcome = MeetingOutcome.objects.filter(prep=prep)
    with transaction.atomic():
        row = undo_removal(
            prep=prep,
            kind=kind_name,
            row_id=row_id,
            by=by,
            parent=outcome,
            rows=kind.model.objects.filter(outcome__prep=prep),
            cap=OUTCOME_MAX_ROWS,
            full=OUTCOME_FULL,
        )
        if row is not None:
            _touch(row.outcome_id, timezone.now())
    return row
