"""Writes to meeting briefs and their agendas. Each takes the version of the brief the director's form was
shown: a stale version (another window changed the brief since) raises ``BriefConflict`` and changes
nothing. Every write checks that the agenda item belongs to the prep it is given (the view got that prep
from ``prep_for_owner``), so another prep's item is refused (``AgendaItem.DoesNotExist``)."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from preps.models import MeetingPrep
from preps.signals import prep_changed
from worksheets.models import FAQEntry

from .models import AGENDA_MAX_ITEMS, PRIVATE_BLOCKS, AgendaItem, MeetingBrief
from .selectors import default_agenda

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
    except IntegrityError:  # another request made it first
        brief = MeetingBrief.objects.get(prep=prep)
    return brief


def _with_brief(items: list[AgendaItem], brief: MeetingBrief) -> list[AgendaItem]:
    for item in items:
        item.brief = brief
    return items


@contextmanager
def _changing(prep: MeetingPrep, base_version: int) -> Iterator[MeetingBrief]:
    """The brief locked for a change if still at ``base_version``; the change raises its version by one."""
    with transaction.atomic():
        brief = MeetingBrief.objects.select_for_update().filter(prep=prep).first()
        if brief is None or brief.version != base_version:
            raise BriefConflict
        yield brief
        now = timezone.now()
        MeetingBrief.objects.filter(pk=brief.pk).update(version=F("version") + 1, updated_at=now)
        MeetingPrep.objects.filter(pk=prep.pk).update(updated_at=now)
        prep_changed.send(sender=MeetingBrief, prep_id=prep.pk)  # documents/prerender.py


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


def brief_blocks_set(*, prep: MeetingPrep, base_version: int, included: set[str]) -> None:
    """Which private blocks the brief includes: exactly those named in ``included``, the others left out."""
    unknown = included - set(PRIVATE_BLOCKS)
    if unknown:
        raise ValidationError(
            f"Not a block of the brief: {', '.join(sorted(unknown))}.", code="unknown_block"
        )
    with _changing(prep, base_version) as brief:
        for name in PRIVATE_BLOCKS:
            setattr(brief, name, name in included)
        brief.save(update_fields=list(PRIVATE_BLOCKS))


def brief_faq_set(*, prep: MeetingPrep, base_version: int, entry_ids: set[int]) -> None:
    """The FAQ entries she chose (published entries of the prep's worksheet only)."""
    entries = list(
        FAQEntry.objects.filter(worksheet_id=prep.worksheet_id, is_published=True, pk__in=entry_ids)
    )
    if len(entries) != len(entry_ids):
        raise ValidationError(
            "One of the chosen FAQ entries is not in this worksheet’s FAQ.", code="unknown_faq"
        )
    with _changing(prep, base_version) as brief:
        brief.faq_chosen = True
        brief.save(update_fields=["faq_chosen"])
        brief.faq_entries.set(entries)


def _clean_item(item: AgendaItem) -> None:
    item.full_clean(exclude=["brief", "position"])


def agenda_item_add(*, prep: MeetingPrep, base_version: int, **fields) -> AgendaItem:
    """A new item at the end of the agenda; ValidationError past AGENDA_MAX_ITEMS or for bad fields."""
    with _changing(prep, base_version) as brief:
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


def agenda_item_update(*, prep: MeetingPrep, base_version: int, item_id: int, **fields) -> AgendaItem:
    with _changing(prep, base_version) as brief:
        item = AgendaItem.objects.get(brief=brief, pk=item_id)
        for name, value in _agenda_fields(fields).items():
            setattr(item, name, value)
        _clean_item(item)
        item.save(update_fields=list(fields))
    return item


def agenda_item_delete(*, prep: MeetingPrep, base_version: int, item_id: int) -> AgendaItem:
    """Drop an item; the dropped row is given back (unsaved) so the page can name it."""
    with _changing(prep, base_version) as brief:
        item = AgendaItem.objects.get(brief=brief, pk=item_id)
        item.delete()
    return item


def agenda_item_move(*, prep: MeetingPrep, base_version: int, item_id: int, offset: int) -> AgendaItem:
    """Move an item up (offset -1) or down (+1), clamped at the ends; the agenda renumbered 0..n-1."""
    if offset not in (-1, 1):
        raise ValidationError("An agenda item moves one place up or down.", code="invalid_move")
    with _changing(prep, base_version) as brief:
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
    brief.pk, brief.id, brief.prep, brief.version = None, None, copy, 1
    brief._state.adding = True
    brief.save()
    brief.faq_entries.set(entries)
    for item in agenda:
        item.pk, item.id, item.brief = None, None, brief
    AgendaItem.objects.bulk_create(agenda)
