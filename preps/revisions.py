"""Keeping the history of rows saved whole (``models.history.SnapshotRevision``): the write side, called by
the save services inside their transaction with the row as it now stands. Answers and roster fields keep
theirs in ``services`` (``answer_save``, ``_stakeholder_history_record``)."""

from django.db.models import Model, QuerySet
from django.utils import timezone

from .models import HISTORY_COALESCE, ExpectedQuestion, ExpectedQuestionRevision, SnapshotRevision


def snapshot_record(
    revisions: QuerySet,
    *,
    snapshot: dict,
    version: int,
    author_id: int | None,
    restored_from: SnapshotRevision | None = None,
    now=None,
    **row: Model,
) -> None:
    """Keep ``snapshot`` as the row's newest version (``row``: the revision's foreign key to it, e.g.
    ``expected_question=question``). A save by the author of the newest revision within ``HISTORY_COALESCE``
    of its start updates it instead, unless either is a restore: a restore is always a version of its own."""
    now = now or timezone.now()
    latest = revisions.filter(**row).order_by("-saved_at", "-pk").first()
    continues = (
        latest is not None
        and restored_from is None
        and latest.restored_from_id is None
        and latest.author_id is not None
        and latest.author_id == author_id
        and now - latest.started_at < HISTORY_COALESCE
    )
    if continues:
        revisions.filter(pk=latest.pk).update(snapshot=snapshot, version=version, saved_at=now)
        return
    revisions.create(
        **row,
        snapshot=snapshot,
        version=version,
        author_id=author_id,
        started_at=now,
        saved_at=now,
        restored_from=restored_from,
    )


def expected_question_snapshot(question: ExpectedQuestion) -> dict:
    """Its fields as plain data: the askers and FAQ entries as sorted ids (read through ``.all()``, so a
    prefetch serves them)."""
    return {
        "text": question.text,
        "answer": question.answer,
        "askers": sorted(person.pk for person in question.askers.all()),
        "faq_entries": sorted(entry.pk for entry in question.faq_entries.all()),
    }


def expected_question_history_record(
    question: ExpectedQuestion, *, author=None, restored_from: ExpectedQuestionRevision | None = None
) -> None:
    """Keep the expected question as it now stands (after a create, a save or a restore)."""
    snapshot_record(
        ExpectedQuestionRevision.objects,
        expected_question=question,
        snapshot=expected_question_snapshot(question),
        version=question.version,
        author_id=getattr(author, "pk", None),
        restored_from=restored_from,
    )


def expected_questions_history_start(questions: list[ExpectedQuestion], *, author_id: int | None) -> None:
    """The first revision of each of several new questions (a copied prep's list), in one query."""
    now = timezone.now()
    ExpectedQuestionRevision.objects.bulk_create(
        ExpectedQuestionRevision(
            expected_question=question,
            snapshot=expected_question_snapshot(question),
            version=question.version,
            author_id=author_id,
            started_at=now,
            saved_at=now,
        )
        for question in questions
    )
