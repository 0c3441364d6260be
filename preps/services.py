"""Writes to meeting preps and answers: each validates and saves inside one transaction."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from worksheets.models import Question, Worksheet

from .models import Answer, MeetingPrep


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
        return Answer.objects.filter(prep=prep, question=question, version=base_version).update(
            text=text, version=F("version") + 1, updated_at=now
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
    """A copy of the prep and its answers, for the next meeting; the copy's title says it is one."""
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
    return copy
