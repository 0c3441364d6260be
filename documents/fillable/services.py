"""Saving what she picked from an import, through ``preps.services`` (versioned saves, nothing else), and
keeping the upload's changes until then (``documents.models.PendingImport``)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from preps.models import MeetingPrep, Stakeholder
from preps.services import answer_save, stakeholder_update
from worksheets.models import Question

from ..models import PENDING_IMPORT_TTL, PendingImport
from .plan import KeptValues, as_stored


@dataclass(frozen=True)
class ImportChoice:
    """Write ``text`` to ``item_id`` if it is still at ``base_version`` (the version the preview showed)."""

    item_id: str
    text: str
    base_version: int


@dataclass
class ImportResult:
    saved: list[str] = field(default_factory=list)  # item ids
    stale: list[str] = field(default_factory=list)  # changed again since the preview: nothing written
    refused: dict[str, str] = field(default_factory=dict)  # item id -> why (too long, person removed)


def import_apply(*, prep: MeetingPrep, choices: list[ImportChoice], author=None) -> ImportResult:
    """Each answer on its own version check; each person's fields together in one versioned update (a
    person's row has one version, so two fields saved one after the other would conflict with each other)."""
    result = ImportResult()
    people: dict[int, list[ImportChoice]] = defaultdict(list)
    questions = {
        question.key: question for question in Question.objects.filter(worksheet_id=prep.worksheet_id)
    }
    for choice in choices:
        kind, _, rest = choice.item_id.partition(":")
        if kind == "answer" and rest in questions:
            _answer(prep, questions[rest], choice, result, author)
        elif kind == "person":
            people[int(rest.partition(":")[0])].append(choice)
    for person_id, person_choices in people.items():
        _person(prep, person_id, person_choices, result, author)
    return result


def _answer(
    prep: MeetingPrep, question: Question, choice: ImportChoice, result: ImportResult, author
) -> None:
    if len(choice.text) > settings.ANSWER_MAX_CHARS:
        result.refused[choice.item_id] = f"Longer than the {settings.ANSWER_MAX_CHARS:,}-character limit."
        return
    try:
        saved = answer_save(
            prep=prep, question=question, text=choice.text, base_version=choice.base_version, author=author
        )
    except ValidationError as error:
        result.refused[choice.item_id] = " ".join(error.messages)
        return
    (result.saved if saved.saved else result.stale).append(choice.item_id)


def _person(
    prep: MeetingPrep, person_id: int, choices: list[ImportChoice], result: ImportResult, author
) -> None:
    ids = [choice.item_id for choice in choices]
    if len({choice.base_version for choice in choices}) != 1:
        result.stale.extend(ids)
        return
    changes = {choice.item_id.rsplit(":", 1)[1]: choice.text for choice in choices}
    try:
        saved = stakeholder_update(
            prep=prep,
            stakeholder_id=person_id,
            base_version=choices[0].base_version,
            changes=changes,
            author=author,
        )
    except Stakeholder.DoesNotExist:
        result.refused.update(dict.fromkeys(ids, "This person is no longer on the roster."))
    except ValidationError as error:
        result.refused.update(dict.fromkeys(ids, " ".join(error.messages)))
    else:
        (result.saved if saved.saved else result.stale).extend(ids)


def pending_import_save(*, prep: MeetingPrep, user, kept: KeptValues) -> PendingImport:
    """Keep what an upload would change until she confirms: this user's one pending import for ``prep``,
    replacing an earlier one. Expired imports (anyone's) are deleted on the way."""
    PendingImport.objects.filter(created_at__lte=timezone.now() - PENDING_IMPORT_TTL).delete()
    pending, _ = PendingImport.objects.update_or_create(
        prep=prep,
        user=user,
        defaults={
            "values": as_stored(kept.values),
            "unchanged": kept.unchanged,
            "unmatched": kept.unmatched,
            "created_at": timezone.now(),
        },
    )
    return pending


def pending_import_narrow(*, pending: PendingImport, item_ids: list[str]) -> None:
    """Keep only ``item_ids`` of a pending import (those changed on the site since the preview)."""
    pending.values = [value for value in pending.values if value[0] in item_ids]
    pending.unchanged = pending.unmatched = 0
    pending.save(update_fields=["values", "unchanged", "unmatched"])


def pending_import_delete(*, prep: MeetingPrep, user) -> None:
    """Forget this user's pending import for ``prep`` (confirmed or cancelled)."""
    PendingImport.objects.filter(prep=prep, user=user).delete()
