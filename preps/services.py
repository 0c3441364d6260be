"""Writes to meeting preps and answers: each validates and saves inside one transaction."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, QuerySet
from django.utils import timezone

from worksheets.models import Question, Worksheet

from .models import Answer, ExpectedQuestion, MeetingPrep, Stakeholder, is_blank
from .models.roster import ROSTER_MAX_PEOPLE, STAKEHOLDER_TEXT_MAX


def versioned_update(*, rows: QuerySet, base_version: int, now, **values) -> int:
    """Write ``values`` to the row(s) of ``rows`` still at ``base_version``, raising the version by one; the
    number of rows written (0: the row moved on, or is gone - a conflict that changed nothing).

    The version check and the write are one conditional UPDATE, so two windows saving at once cannot both win:
    the second one's UPDATE matches no row. Every versioned row (answers, roster people) saves through here.
    """
    return rows.filter(version=base_version).update(**values, version=F("version") + 1, updated_at=now)


@dataclass(frozen=True)
class AnswerSaveResult:
    answer: Answer
    saved: bool  # False: the save was based on an older version and changed nothing (a conflict)


def answer_save(*, prep: MeetingPrep, question: Question, text: str, base_version: int) -> AnswerSaveResult:
    """Save ``text`` if the stored answer is still at ``base_version``; otherwise change nothing.

    The version check and the write are one conditional UPDATE, so two windows saving at once cannot both win:
    the second one's UPDATE matches no row and it is told about the newer text.
    """
    now = timezone.now()

    def update_if_at_base_version() -> int:
        return versioned_update(
            rows=Answer.objects.filter(prep=prep, question=question),
            base_version=base_version,
            now=now,
            text=text,
        )

    with transaction.atomic():
        updated = update_if_at_base_version()
        if not updated and base_version == 0:
            # Perhaps the first save of this answer: its row starts at version 0 (one query less on every
            # other save than creating it up front).
            Answer.objects.get_or_create(prep=prep, question=question)
            updated = update_if_at_base_version()
        if updated:
            MeetingPrep.objects.filter(pk=prep.pk).update(updated_at=now)
        answer = Answer.objects.filter(prep=prep, question=question).first()
    if answer is None:
        # A version other than 0 for a question never answered: a conflict with the empty answer at version
        # 0 (no row is created for a refused save).
        answer = Answer(prep=prep, question=question, text="", version=0)
    return AnswerSaveResult(answer=answer, saved=bool(updated))


def answers_save(
    *, prep: MeetingPrep, changes: Iterable[tuple[Question, str, int]]
) -> dict[Question, AnswerSaveResult]:
    """Save several answers (the no-JavaScript form): each ``(question, text, base version)`` on its own
    version check, so a conflict on one answer never stops the others from saving."""
    return {
        question: answer_save(prep=prep, question=question, text=text, base_version=base_version)
        for question, text, base_version in changes
    }


PREP_DETAILS = ("meeting_title", "meeting_date", "program_name", "jurisdiction")


def prep_create(*, owner, worksheet: Worksheet, **details) -> MeetingPrep:
    prep = MeetingPrep(owner=owner, worksheet=worksheet, **details)
    prep.full_clean()
    prep.save()
    return prep


def prep_update(*, prep: MeetingPrep, **details) -> MeetingPrep:
    """Change the meeting's details (title, date, program, jurisdiction)."""
    unknown = set(details) - set(PREP_DETAILS)
    if unknown:
        raise TypeError(f"not a meeting detail: {', '.join(sorted(unknown))}")
    for name, value in details.items():
        setattr(prep, name, value)
    prep.full_clean()
    with transaction.atomic():
        prep.save(update_fields=[*details, "updated_at"])
    return prep


def prep_delete(*, prep: MeetingPrep) -> None:
    """The prep and its answers (CASCADE)."""
    with transaction.atomic():
        prep.delete()


def prep_duplicate(*, prep: MeetingPrep) -> MeetingPrep:
    """A copy of the prep, its answers, roster and brief, for the next meeting; the copy's title says so."""
    with transaction.atomic():
        copy = MeetingPrep.objects.create(
            owner=prep.owner,
            worksheet=prep.worksheet,
            meeting_title=f"{prep.meeting_title} (copy)"[
                : MeetingPrep._meta.get_field("meeting_title").max_length
            ],
            meeting_date=prep.meeting_date,
            program_name=prep.program_name,
            jurisdiction=prep.jurisdiction,
        )
        Answer.objects.bulk_create(
            Answer(prep=copy, question_id=answer.question_id, text=answer.text, version=1)
            for answer in prep.answers.all()
        )
        _roster_duplicate(source=prep, copy=copy)
        from briefs.services import brief_duplicate  # noqa: PLC0415 - briefs builds on preps, not the reverse

        brief_duplicate(source=prep, copy=copy)
    return copy


# The roster (question 1's people, carried through questions 2 to 4). Every write checks the person belongs to
# the prep it is given (the view got that prep from ``prep_for_owner``), so another prep's person is refused.

STAKEHOLDER_TEXT_FIELDS = ("name", "role", "organisation", "expertise", "what_matters", "concerns")
STAKEHOLDER_CHOICE_FIELDS = ("kind", "invite", "influence", "stance")
STAKEHOLDER_FIELDS = STAKEHOLDER_TEXT_FIELDS + STAKEHOLDER_CHOICE_FIELDS


class RosterFull(ValidationError):
    """The prep already holds ``ROSTER_MAX_PEOPLE`` people."""


def _stakeholder_clean(field: str, value: str) -> str:
    """``value`` for ``field`` as it will be stored, or ValidationError (unknown field, a rating outside the
    list, oversized text, a blank name)."""
    if field not in STAKEHOLDER_FIELDS:
        raise ValidationError(f"Not a field of a person on the roster: {field}.", code="unknown_field")
    if not isinstance(value, str):
        raise ValidationError(f"{field} must be text.", code="invalid")
    model_field = Stakeholder._meta.get_field(field)
    if field in STAKEHOLDER_CHOICE_FIELDS:
        allowed = [choice for choice, _label in model_field.choices]
        if value not in allowed:
            raise ValidationError(
                f"{model_field.verbose_name.capitalize()} must be one of: "
                f"{', '.join(repr(c) for c in allowed)}.",
                code="invalid_choice",
            )
        return value
    limit = model_field.max_length or STAKEHOLDER_TEXT_MAX
    if len(value) > limit:
        raise ValidationError(
            f"{model_field.verbose_name.capitalize()} is too long: at most {limit} characters.",
            code="max_length",
        )
    if "\x00" in value:
        raise ValidationError(
            f"{model_field.verbose_name.capitalize()} holds a NUL character.", code="invalid"
        )
    if field == "name" and is_blank(value):
        raise ValidationError("A person on the roster needs a name.", code="required")
    return value.strip() if field == "name" else value


def _touch(prep: MeetingPrep, now) -> None:
    MeetingPrep.objects.filter(pk=prep.pk).update(updated_at=now)


def stakeholder_create(*, prep: MeetingPrep, name: str, **fields: str) -> Stakeholder:
    """Add a person at the end of the prep's roster.

    ValidationError for bad input, RosterFull past the cap."""
    cleaned = {field: _stakeholder_clean(field, value) for field, value in {"name": name, **fields}.items()}
    now = timezone.now()
    with transaction.atomic():
        # Lock the prep's row so two adds at once cannot take the same position or pass the cap together.
        MeetingPrep.objects.select_for_update().filter(pk=prep.pk).first()
        people = Stakeholder.objects.filter(prep=prep)
        if people.count() >= ROSTER_MAX_PEOPLE:
            raise RosterFull(f"A roster holds at most {ROSTER_MAX_PEOPLE} people.", code="roster_full")
        last = people.aggregate(last=Max("position"))["last"]
        person = Stakeholder(prep=prep, position=0 if last is None else last + 1, **cleaned)
        person.save()
        _touch(prep, now)
    return person


@dataclass(frozen=True)
class StakeholderSaveResult:
    stakeholder: Stakeholder
    saved: bool  # False: the save was based on an older version and changed nothing (a conflict)
    current_value: str  # what the field holds now: on a conflict, the text to show beside the director's own


def stakeholder_save(
    *, prep: MeetingPrep, stakeholder_id: int, field: str, text: str, base_version: int
) -> StakeholderSaveResult:
    """Save one field of one person if the row is still at ``base_version``; otherwise change nothing and give
    the current row (its value for ``field`` in ``current_value``). Stakeholder.DoesNotExist if the person is
    not on this prep's roster, ValidationError for a bad field or value."""
    result = stakeholder_update(
        prep=prep, stakeholder_id=stakeholder_id, base_version=base_version, changes={field: text}
    )
    return StakeholderSaveResult(
        stakeholder=result.stakeholder, saved=result.saved, current_value=getattr(result.stakeholder, field)
    )


def stakeholder_update(
    *, prep: MeetingPrep, stakeholder_id: int, base_version: int, changes: dict[str, str]
) -> StakeholderSaveResult:
    """Save several fields of one person (the no-JavaScript form) in one versioned update: all of them if the
    row is still at ``base_version``, none otherwise. Refusals as ``stakeholder_save``; no changes is a no-op
    that still checks the person is on this roster."""
    values = {field: _stakeholder_clean(field, text) for field, text in changes.items()}
    now = timezone.now()
    with transaction.atomic():
        rows = Stakeholder.objects.filter(prep=prep, pk=stakeholder_id)
        updated = versioned_update(rows=rows, base_version=base_version, now=now, **values) if values else 0
        if updated:
            _touch(prep, now)
        person = rows.get()
    return StakeholderSaveResult(stakeholder=person, saved=bool(updated) or not values, current_value="")


def stakeholder_delete(*, prep: MeetingPrep, stakeholder_id: int) -> Stakeholder:
    """Remove a person from the roster (and from the askers of any expected question); the removed row is
    given back, unsaved, so a page can offer to undo. Stakeholder.DoesNotExist if not on this roster."""
    now = timezone.now()
    with transaction.atomic():
        person = Stakeholder.objects.select_for_update().get(prep=prep, pk=stakeholder_id)
        person.delete()
        _touch(prep, now)
    return person


def stakeholder_move(*, prep: MeetingPrep, stakeholder_id: int, to_position: int) -> list[Stakeholder]:
    """Move a person to ``to_position`` (0-based; clamped to the roster) and renumber the roster 0..n-1; the
    roster in its new order. Stakeholder.DoesNotExist if the person is not on this roster."""
    now = timezone.now()
    with transaction.atomic():
        MeetingPrep.objects.select_for_update().filter(pk=prep.pk).first()
        people = list(Stakeholder.objects.filter(prep=prep).order_by("position", "pk"))
        moving = next((p for p in people if p.pk == stakeholder_id), None)
        if moving is None:
            raise Stakeholder.DoesNotExist(f"No person {stakeholder_id} on this roster.")
        people.remove(moving)
        people.insert(max(0, min(int(to_position), len(people))), moving)
        changed = []
        for position, person in enumerate(people):
            if person.position != position:
                person.position = position
                person.updated_at = now
                changed.append(person)
        # Position is not a versioned field: moving a row never makes another window's text edit conflict.
        Stakeholder.objects.bulk_update(changed, ["position", "updated_at"])
        if changed:
            _touch(prep, now)
    return people


def _roster_duplicate(*, source: MeetingPrep, copy: MeetingPrep) -> None:
    """Copy the roster and question 4's list (with their askers and linked FAQ entries) onto ``copy``."""
    people = list(source.stakeholders.order_by("position", "pk"))
    copies = Stakeholder.objects.bulk_create(
        Stakeholder(prep=copy, version=1, **{f: getattr(p, f) for f in ("position", *STAKEHOLDER_FIELDS)})
        for p in people
    )
    new_id = {old.pk: new.pk for old, new in zip(people, copies, strict=True)}
    questions = list(
        source.expected_questions.order_by("position", "pk").prefetch_related("askers", "faq_entries")
    )
    question_copies = ExpectedQuestion.objects.bulk_create(
        ExpectedQuestion(prep=copy, position=q.position, text=q.text, answer=q.answer, version=1)
        for q in questions
    )
    Askers = ExpectedQuestion.askers.through
    Links = ExpectedQuestion.faq_entries.through
    Askers.objects.bulk_create(
        Askers(expectedquestion_id=new.pk, stakeholder_id=new_id[asker.pk])
        for old, new in zip(questions, question_copies, strict=True)
        for asker in old.askers.all()
    )
    Links.objects.bulk_create(
        Links(expectedquestion_id=new.pk, faqentry_id=entry.pk)
        for old, new in zip(questions, question_copies, strict=True)
        for entry in old.faq_entries.all()
    )
