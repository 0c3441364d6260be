"""Saving what she picked from an import, through ``preps.services`` (versioned saves, nothing else)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError

from preps.models import MeetingPrep, Stakeholder
from preps.services import answer_save, stakeholder_update
from worksheets.models import Question


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
