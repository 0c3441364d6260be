"""Restoring an earlier version of a person on the roster or of an expected question. A restore is a save
like any other, on the row's current version: it raises the version (a window still showing the older one
gets a conflict on its next save) and is a revision of its own, so what it replaces stays in the history.
Answers restore through ``services.answer_restore``, the meeting brief through ``briefs.services``."""

from core.saves import SaveResult
from core.text import printable_text
from worksheets.models import FAQEntry

from .models import ExpectedQuestion, ExpectedQuestionRevision, MeetingPrep, Stakeholder, StakeholderRevision
from .services import expected_question_save, stakeholder_update


class RevisionNotFound(Exception):
    """The revision is not one of this row's (or the row is not on this prep)."""


def stakeholder_revision_restore(
    *, prep: MeetingPrep, person_id: int, revision_id: int, author
) -> SaveResult:
    """Give one field of the person the value the revision kept. ValidationError if that value is no longer
    allowed (a rating since removed from the list)."""
    revision = StakeholderRevision.objects.filter(
        pk=revision_id, stakeholder_id=person_id, stakeholder__prep=prep
    ).first()
    if revision is None:
        raise RevisionNotFound
    person = Stakeholder.objects.only("version").get(pk=person_id)
    return stakeholder_update(
        prep=prep,
        stakeholder_id=person_id,
        base_version=person.version,
        changes={revision.field: printable_text(revision.value)},
        author=author,
        restored_from=revision,
    )


def expected_question_restore(
    *, prep: MeetingPrep, expected_question_id: int, revision_id: int, author
) -> SaveResult:
    """Give the expected question the text, answer, askers and FAQ links the revision kept; askers no longer
    on the roster and FAQ entries no longer published are left out."""
    revision = ExpectedQuestionRevision.objects.filter(
        pk=revision_id, expected_question_id=expected_question_id, expected_question__prep=prep
    ).first()
    if revision is None:
        raise RevisionNotFound
    kept = revision.snapshot
    askers = Stakeholder.objects.filter(prep=prep, pk__in=kept.get("askers", []))
    entries = FAQEntry.objects.filter(
        worksheet_id=prep.worksheet_id, is_published=True, pk__in=kept.get("faq_entries", [])
    )
    question = ExpectedQuestion.objects.only("version").get(pk=expected_question_id)
    return expected_question_save(
        prep=prep,
        expected_question_id=expected_question_id,
        base_version=question.version,
        changes={
            "text": printable_text(kept.get("text", "")),
            "answer": printable_text(kept.get("answer", "")),
            "askers": list(askers.values_list("pk", flat=True)),
            "faq_entries": list(entries.values_list("pk", flat=True)),
        },
        author=author,
        restored_from=revision,
    )
