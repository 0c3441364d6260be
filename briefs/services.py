"""Writes to meeting briefs and their agendas. A save of the brief's fields (details, blocks, FAQ choice,
agenda items' text) takes the version of the brief the page was shown and returns a ``SaveResult``: not
saved when another window changed the brief since, with the stored values. Adding, moving and removing agenda
items are not versioned (``core.ordered``), like the roster's people; each still moves the brief's version
on, so another window's stale fields are refused. Every write checks that the agenda item belongs to the
prep it is given (the view got that prep from ``prep_for_writer``), so another prep's item is refused
(``AgendaItem.DoesNotExist``)."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from core.ordered import row_append, row_move
from core.saves import SaveResult
from preps.models import ExpectedQuestion, MeetingPrep, RowRemoval
from preps.removals import remove_with_undo, undo_removal
from preps.revisions import snapshot_record
from preps.signals import prep_changed
from worksheets.models import FAQEntry

from .models import AGENDA_MAX_ITEMS, PRIVATE_BLOCKS, AgendaItem, BriefRevision, MeetingBrief
from .selectors import brief_snapshot, default_agenda
from .suggestions import NextBrief

BRIEF_DETAILS = ("start_time", "place", "purpose", "desired_outcome", "primer")
AGENDA_FIELDS = ("title", "minutes", "lead", "note")


AGENDA_FULL = f"An agenda holds at most {AGENDA_MAX_ITEMS} items."


def brief_ensure(*, prep: MeetingPrep) -> MeetingBrief:
    """The prep's brief, made with its defaults (the suggested agenda) the first time it is asked for."""
    brief = MeetingBrief.objects.filter(prep=prep).first()
    if brief is not None:
        return brief
    try:
        with transaction.atomic():
            brief = MeetingBrief.objects.create(prep=prep)
            AgendaItem.objects.bulk_create(_with_brief(default_agenda(), brief))
            _history_record(brief, version=brief.version, author_id=None)
    except IntegrityError:  # another request made it first
        brief = MeetingBrief.objects.get(prep=prep)
    return brief


def _with_brief(items: list[AgendaItem], brief: MeetingBrief) -> list[AgendaItem]:
    for item in items:
        item.brief = brief
    return items


def _changed(
    prep: MeetingPrep, brief: MeetingBrief, author, restored_from: BriefRevision | None = None
) -> None:
    """The brief's version up by one, by ``author``, and kept in its history; the prep's last edit now; its
    documents rendered anew. ``brief`` is locked and holds the fields just saved, at the version before."""
    now = timezone.now()
    MeetingBrief.objects.filter(pk=brief.pk).update(
        version=F("version") + 1, updated_at=now, updated_by=author
    )
    author_id = getattr(author, "pk", None)
    _history_record(
        brief, version=brief.version + 1, author_id=author_id, restored_from=restored_from, now=now
    )
    MeetingPrep.objects.filter(pk=prep.pk).update(updated_at=now)
    prep_changed.send(sender=MeetingBrief, prep_id=prep.pk)  # documents/prerender.py


def _history_record(
    brief: MeetingBrief, *, version: int, author_id: int | None, restored_from=None, now=None
) -> None:
    snapshot_record(
        BriefRevision.objects,
        brief=brief,
        snapshot=brief_snapshot(brief),
        version=version,
        author_id=author_id,
        restored_from=restored_from,
        now=now,
    )


@dataclass(frozen=True)
class BriefChanges:
    """What a save of the brief page changes; what is absent stays as it is. ``faq`` None: the choice of FAQ
    entries is not changed; ``items``: agenda item id -> its changed fields."""

    details: dict = field(default_factory=dict)
    blocks: dict[str, bool] = field(default_factory=dict)
    faq: frozenset[int] | None = None
    items: dict[int, dict] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.details or self.blocks or self.faq is not None or self.items)


def _published_faq(prep: MeetingPrep, entry_ids) -> list[FAQEntry]:
    entries = list(
        FAQEntry.objects.filter(worksheet_id=prep.worksheet_id, is_published=True, pk__in=entry_ids)
    )
    if len(entries) != len(entry_ids):
        raise ValidationError(
            {"faq": "One of the chosen FAQ entries is not in this worksheet’s FAQ."}, code="unknown_faq"
        )
    return entries


def _as_field(value) -> str:
    """A stored value as the page's field holds it (a time as HH:MM, a ticked box as "on")."""
    if value is True:
        return "on"
    if value is False or value is None:
        return ""
    return value.strftime("%H:%M") if hasattr(value, "strftime") else str(value)


def _faq_ids(prep: MeetingPrep, brief: MeetingBrief) -> list[str]:
    if brief.faq_chosen:
        ids = brief.faq_entries.values_list("pk", flat=True)
    else:
        ids = ExpectedQuestion.faq_entries.through.objects.filter(expectedquestion__prep=prep).values_list(
            "faqentry_id", flat=True
        )
    return [str(pk) for pk in sorted(set(ids))]


def _current(prep: MeetingPrep, brief: MeetingBrief, changes: BriefChanges, items: dict) -> dict:
    """The stored values of the fields ``changes`` names, keyed by the page's field names."""
    current = {name: _as_field(getattr(brief, name)) for name in (*changes.details, *changes.blocks)}
    if changes.faq is not None:
        current["faq"] = _faq_ids(prep, brief)
    for pk, fields in changes.items.items():
        for name in fields:
            current[f"item-{pk}-{name}"] = _as_field(getattr(items[pk], name)) if pk in items else ""
    return current


def _clean_brief_item(item: AgendaItem) -> None:
    try:
        _clean_item(item)
    except ValidationError as error:
        raise ValidationError(
            {f"item-{item.pk}-{name}": messages for name, messages in error.message_dict.items()}
        ) from None


def brief_save(*, prep: MeetingPrep, base_version: int, changes: BriefChanges, author) -> SaveResult:
    """Save the brief page's changed fields (details, blocks, FAQ choice, agenda items) on ``base_version``.

    Not saved when the brief moved on since (another window or a colleague): the result then holds the
    stored values and who made them. ValidationError for bad values; AgendaItem.DoesNotExist for an item
    not (or no longer) on this brief's agenda."""
    unknown = set(changes.details) - set(BRIEF_DETAILS) | set(changes.blocks) - set(PRIVATE_BLOCKS)
    if unknown:
        raise TypeError(f"not a field of the brief: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        brief = MeetingBrief.objects.select_for_update().filter(prep=prep).first()
        if brief is None:
            raise MeetingBrief.DoesNotExist
        items = {item.pk: item for item in AgendaItem.objects.filter(brief=brief, pk__in=list(changes.items))}
        if brief.version != base_version:
            current = _current(prep, brief, changes, items)
            return SaveResult(
                saved=False, version=brief.version, current=current, editor=brief.updated_by, row=brief
            )
        if not changes:
            return SaveResult(saved=True, version=brief.version, saved_at=brief.updated_at, row=brief)
        if len(items) != len(changes.items):
            raise AgendaItem.DoesNotExist
        for name, value in (changes.details | changes.blocks).items():
            setattr(brief, name, value)
        brief.full_clean(exclude=["prep", "faq_entries", "updated_by"])
        for pk, fields in changes.items.items():
            for name, value in _agenda_fields(fields).items():
                setattr(items[pk], name, value)
            _clean_brief_item(items[pk])
        if changes.faq is not None:
            brief.faq_entries.set(_published_faq(prep, changes.faq))
            brief.faq_chosen = True
        brief.save(update_fields=[*changes.details, *changes.blocks, "faq_chosen"])
        edited = sorted({name for fields in changes.items.values() for name in fields})
        if edited:
            AgendaItem.objects.bulk_update(list(items.values()), edited)
        _changed(prep, brief, author)
        brief.refresh_from_db(fields=["version", "updated_at"])
    current = _current(prep, brief, changes, items)
    return SaveResult(
        saved=True, version=brief.version, current=current, saved_at=brief.updated_at, row=brief
    )


def brief_update(*, prep: MeetingPrep, base_version: int, author=None, **details) -> SaveResult:
    """The meeting's time and place, purpose, desired outcome and program primer, on ``base_version``."""
    return brief_save(
        prep=prep, base_version=base_version, changes=BriefChanges(details=details), author=author
    )


def agenda_item_update(
    *, prep: MeetingPrep, base_version: int, item_id: int, author=None, **fields
) -> SaveResult:
    """One agenda item's fields, on the brief's ``base_version``."""
    changes = BriefChanges(items={item_id: _agenda_fields(fields)})
    return brief_save(prep=prep, base_version=base_version, changes=changes, author=author)


def _clean_item(item: AgendaItem) -> None:
    item.full_clean(exclude=["brief", "position"])


def _agenda_fields(fields: dict) -> dict:
    unknown = set(fields) - set(AGENDA_FIELDS)
    if unknown:
        raise TypeError(f"not a field of an agenda item: {', '.join(sorted(unknown))}")
    return fields


def _brief_row(prep: MeetingPrep):
    """The prep's brief as a one-row queryset (locked while its agenda changes); DoesNotExist if none."""
    brief = MeetingBrief.objects.filter(prep=prep)
    if not brief.exists():
        raise MeetingBrief.DoesNotExist
    return brief


def agenda_item_add(*, prep: MeetingPrep, author=None, **fields) -> AgendaItem:
    """A new item at the end of the agenda; ValidationError for bad fields, RowsFull past AGENDA_MAX_ITEMS."""
    brief_row = _brief_row(prep)
    brief = brief_row.get()
    item = AgendaItem(brief=brief, position=0, **_agenda_fields(fields))
    _clean_item(item)

    def make(position: int) -> AgendaItem:
        item.position = position
        item.save()
        return item

    with transaction.atomic():
        row_append(
            parent=brief_row,
            rows=AgendaItem.objects.filter(brief=brief),
            cap=AGENDA_MAX_ITEMS,
            full=AGENDA_FULL,
            make=make,
        )
        _changed(prep, brief, author)
    return item


def agenda_item_remove(*, prep: MeetingPrep, item_id: int, by) -> RowRemoval:
    """Drop an item at once; ``by`` can undo it for a few minutes (``agenda_item_put_back``).
    AgendaItem.DoesNotExist if not on this prep's agenda."""
    brief_row = _brief_row(prep)
    brief = brief_row.get()
    with transaction.atomic():
        item = AgendaItem.objects.select_for_update().get(brief=brief, pk=item_id)
        removal = remove_with_undo(
            prep=prep,
            kind="agenda",
            row=item,
            label=item.title,
            by=by,
            parent=brief_row,
            rows=AgendaItem.objects.filter(brief=brief),
        )
        _changed(prep, brief, by)
    return removal


def agenda_item_put_back(*, prep: MeetingPrep, item_id: int, by) -> AgendaItem | None:
    """Put back an item ``by`` removed a moment ago, where it was, with every field. None when there is
    nothing to undo; RowsFull past the cap."""
    brief_row = _brief_row(prep)
    brief = brief_row.get()
    with transaction.atomic():
        item = undo_removal(
            prep=prep,
            kind="agenda",
            row_id=item_id,
            by=by,
            parent=brief_row,
            rows=AgendaItem.objects.filter(brief=brief),
            cap=AGENDA_MAX_ITEMS,
            full=AGENDA_FULL,
        )
        if item is not None:
            _changed(prep, brief, by)
    return item


def agenda_item_move(*, prep: MeetingPrep, item_id: int, to_position: int, author=None) -> list[AgendaItem]:
    """Move an item to ``to_position`` (0-based, clamped to the agenda), the agenda renumbered 0..n-1; the
    agenda in its new order. AgendaItem.DoesNotExist if not on this prep's agenda."""
    brief_row = _brief_row(prep)
    brief = brief_row.get()
    with transaction.atomic():
        items = row_move(
            parent=brief_row,
            rows=AgendaItem.objects.filter(brief=brief),
            row_id=item_id,
            to_position=to_position,
        )
        _changed(prep, brief, author)
    return items


def brief_duplicate(*, source: MeetingPrep, copy: MeetingPrep, **_signal) -> None:
    """The source prep's brief and agenda onto its copy (``preps.signals.prep_duplicated``, sent inside
    ``prep_duplicate``'s transaction)."""
    brief = MeetingBrief.objects.filter(prep=source).first()
    if brief is None:
        return
    entries = list(brief.faq_entries.all())
    agenda = list(brief.agenda.order_by("position", "pk"))
    brief.pk, brief.id, brief.prep, brief.version, brief.updated_by = None, None, copy, 1, None
    brief._state.adding = True
    brief.save()
    brief.faq_entries.set(entries)
    for item in agenda:
        item.pk, item.id, item.brief = None, None, brief
    AgendaItem.objects.bulk_create(agenda)
    _history_record(brief, version=brief.version, author_id=copy.owner_id)


class RestoreRefused(Exception):
    """The revision is not one of this brief's."""


def brief_restore(*, prep: MeetingPrep, revision_id: int, author) -> SaveResult:
    """Make an earlier version of the brief its current one: details, private blocks, FAQ choice and agenda
    (an item still on the agenda keeps its id; FAQ entries no longer published are left out). Restoring is
    a change like any other: a new version and a new revision, so the one it replaces stays in the history
    and a window still showing the older version gets a conflict on its next save. RestoreRefused for
    another brief's revision; not saved (``saved`` False) when the brief is gone."""
    with transaction.atomic():
        brief = MeetingBrief.objects.select_for_update().filter(prep=prep).first()
        revision = BriefRevision.objects.filter(pk=revision_id, brief__prep=prep).first()
        if revision is None:
            raise RestoreRefused
        if brief is None:
            return SaveResult(saved=False, version=0)
        snapshot = revision.snapshot
        for name in (*BRIEF_DETAILS, *PRIVATE_BLOCKS):
            setattr(brief, name, snapshot.get(name, MeetingBrief._meta.get_field(name).get_default()))
        brief.start_time = brief.start_time or None
        brief.full_clean(exclude=["prep", "faq_entries", "updated_by"])
        brief.faq_chosen = bool(snapshot.get("faq_chosen"))
        published = FAQEntry.objects.filter(
            worksheet_id=prep.worksheet_id, is_published=True, pk__in=snapshot.get("faq_entries", [])
        )
        brief.faq_entries.set(list(published) if brief.faq_chosen else [])
        brief.save(update_fields=[*BRIEF_DETAILS, *PRIVATE_BLOCKS, "faq_chosen"])
        _agenda_restore(brief, snapshot.get("agenda", []))
        _changed(prep, brief, author, restored_from=revision)
        brief.refresh_from_db(fields=["version", "updated_at"])
    return SaveResult(saved=True, version=brief.version, saved_at=brief.updated_at, row=brief)


def _agenda_restore(brief: MeetingBrief, kept: list[dict]) -> None:
    """The agenda as ``kept`` lists it, in that order: items still on it keep their row (and id), an item
    since removed comes back under its old id if no other brief took it."""
    items = [
        AgendaItem(
            brief=brief,
            position=position,
            **{name: row.get(name) or "" for name in ("title", "lead", "note")},
        )
        for position, row in enumerate(kept)
    ]
    for item, row in zip(items, kept, strict=True):
        item.minutes = row.get("minutes")
        item.suggestion = row.get("suggestion") or ""
        _clean_item(item)
    wanted = [row.get("id") for row in kept]
    taken = set(AgendaItem.objects.filter(pk__in=wanted).exclude(brief=brief).values_list("pk", flat=True))
    AgendaItem.objects.filter(brief=brief).delete()
    for item, pk in zip(items, wanted, strict=True):
        item.pk = pk if isinstance(pk, int) and pk not in taken else None
    AgendaItem.objects.bulk_create(items)


def brief_start_from(*, prep: MeetingPrep, suggestion: NextBrief) -> MeetingBrief:
    """The prep's brief with ``suggestion``'s purpose, desired outcome and agenda in place of what it had
    (the next meeting of a work group: ``outcomes.series``); its time, place, primer, included blocks and
    FAQ choice stay."""
    brief_ensure(prep=prep)
    with transaction.atomic():
        locked = MeetingBrief.objects.select_for_update().get(prep=prep)
        locked.purpose, locked.desired_outcome = suggestion.purpose, suggestion.desired_outcome
        locked.full_clean(exclude=["prep", "faq_entries", "updated_by"])
        locked.save(update_fields=["purpose", "desired_outcome"])
        items = [
            AgendaItem(
                brief=locked,
                position=position,
                title=item.title,
                minutes=item.minutes,
                lead=item.lead,
                note=item.note,
                suggestion=item.key,
            )
            for position, item in enumerate(suggestion.agenda[:AGENDA_MAX_ITEMS])
        ]
        for item in items:
            _clean_item(item)
        AgendaItem.objects.filter(brief=locked).delete()
        AgendaItem.objects.bulk_create(items)
        _changed(prep, locked, None)
    return locked
