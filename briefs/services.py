"""Writes to meeting briefs and their agendas. Each takes the version of the brief the director's form was
shown: a stale version (another window changed the brief since) raises ``BriefConflict`` and changes
nothing. Every write checks that the agenda item belongs to the prep it is given (the view got that prep
from ``prep_for_owner``), so another prep's item is refused (``AgendaItem.DoesNotExist``)."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from core.saves import SaveResult
from preps.models import ExpectedQuestion, MeetingPrep
from preps.revisions import snapshot_record
from preps.signals import prep_changed
from worksheets.models import FAQEntry

from .models import AGENDA_MAX_ITEMS, PRIVATE_BLOCKS, AgendaItem, BriefRevision, MeetingBrief
from .selectors import brief_snapshot, default_agenda

BRIEF_DETAILS = ("start_time", "place", "purpose", "desired_outcome", "primer")
AGENDA_FIELDS = ("title", "minutes", "lead", "note")


class BriefConflict(Exception):
    """The brief changed since the form was shown (its version moved on)."""


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


@contextmanager
def _changing(prep: MeetingPrep, base_version: int, author=None) -> Iterator[MeetingBrief]:
    """The brief locked for a change if still at ``base_version``; the change raises its version by one."""
    with transaction.atomic():
        brief = MeetingBrief.objects.select_for_update().filter(prep=prep).first()
        if brief is None or brief.version != base_version:
            raise BriefConflict
        yield brief
        _changed(prep, brief, author)


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


def brief_update(*, prep: MeetingPrep, base_version: int, **details) -> None:
    """The meeting's time and place, purpose, desired outcome and program primer."""
    unknown = set(details) - set(BRIEF_DETAILS)
    if unknown:
        raise TypeError(f"not a detail of the brief: {', '.join(sorted(unknown))}")
    with _changing(prep, base_version) as brief:
        for name, value in details.items():
            setattr(brief, name, value)
        brief.full_clean(exclude=["prep", "faq_entries"])
        brief.save(update_fields=list(details))


def _clean_item(item: AgendaItem) -> None:
    item.full_clean(exclude=["brief", "position"])


def agenda_item_add(*, prep: MeetingPrep, base_version: int, author=None, **fields) -> AgendaItem:
    """A new item at the end of the agenda; ValidationError past AGENDA_MAX_ITEMS or for bad fields."""
    with _changing(prep, base_version, author) as brief:
        items = AgendaItem.objects.filter(brief=brief)
        count = items.count()
        if count >= AGENDA_MAX_ITEMS:
            raise ValidationError(f"An agenda holds at most {AGENDA_MAX_ITEMS} items.", code="agenda_full")
        last = items.order_by("-position").values_list("position", flat=True).first()
        item = AgendaItem(brief=brief, position=0 if last is None else last + 1, **_agenda_fields(fields))
        _clean_item(item)
        item.save()
    return item


def _agenda_fields(fields: dict) -> dict:
    unknown = set(fields) - set(AGENDA_FIELDS)
    if unknown:
        raise TypeError(f"not a field of an agenda item: {', '.join(sorted(unknown))}")
    return fields


def agenda_item_update(
    *, prep: MeetingPrep, base_version: int, author=None, item_id: int, **fields
) -> AgendaItem:
    with _changing(prep, base_version, author) as brief:
        item = AgendaItem.objects.get(brief=brief, pk=item_id)
        for name, value in _agenda_fields(fields).items():
            setattr(item, name, value)
        _clean_item(item)
        item.save(update_fields=list(fields))
    return item


def agenda_item_delete(*, prep: MeetingPrep, base_version: int, author=None, item_id: int) -> AgendaItem:
    """Drop an item; the dropped row is given back (unsaved) so the page can name it."""
    with _changing(prep, base_version, author) as brief:
        item = AgendaItem.objects.get(brief=brief, pk=item_id)
        item.delete()
    return item


def agenda_item_move(
    *, prep: MeetingPrep, base_version: int, author=None, item_id: int, offset: int
) -> AgendaItem:
    """Move an item up (offset -1) or down (+1), clamped at the ends; the agenda renumbered 0..n-1."""
    if offset not in (-1, 1):
        raise ValidationError("An agenda item moves one place up or down.", code="invalid_move")
    with _changing(prep, base_version, author) as brief:
        items = list(AgendaItem.objects.filter(brief=brief).order_by("position", "pk"))
        index = next((n for n, item in enumerate(items) if item.pk == item_id), None)
        if index is None:
            raise AgendaItem.DoesNotExist
        target = min(max(index + offset, 0), len(items) - 1)
        items.insert(target, items.pop(index))
        for position, item in enumerate(items):
            item.position = position
        AgendaItem.objects.bulk_update(items, ["position"])
    return items[target]


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
