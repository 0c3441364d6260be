"""Every saved change to an answer, a roster field or an expected question, with who made it and when: the
history that lets the owner and editors see earlier versions and restore one (restoring is itself a new
revision). The meeting brief keeps its own (``briefs.models.BriefRevision``, on ``SnapshotRevision``).

Storage stays bounded by coalescing: saves by the same person within ``HISTORY_COALESCE`` of the first of
them are one revision, not one per autosave. An answer's latest revision is *open* (its ``text`` NULL): its
text is the answer's own, so an autosave that continues it writes no history at all; the next revision
(another person, a restore, or a save after ``HISTORY_COALESCE``) closes it with the text it ended with.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models

from .prep import Answer
from .roster import ExpectedQuestion, Stakeholder

HISTORY_COALESCE = timedelta(minutes=5)


class AnswerRevision(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="revisions")
    # NULL: the open revision, whose text is the answer's (apart from a closed revision's empty text)
    text = models.TextField(blank=True, null=True)  # noqa: DJ001
    version = models.PositiveIntegerField()  # the answer's version when this revision was last saved
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField()  # the first save this revision holds
    saved_at = models.DateTimeField()  # its last save (the open revision's: the answer's updated_at)
    restored_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-saved_at", "-pk"]
        indexes = [models.Index(fields=["answer", "-saved_at"], name="answer_revision_latest")]
        constraints = [
            models.UniqueConstraint(
                fields=["answer"], condition=models.Q(text__isnull=True), name="answer_one_open_revision"
            )
        ]

    def __str__(self) -> str:
        return f"Revision {self.pk} of answer {self.answer_id}"

    @property
    def is_open(self) -> bool:
        return self.text is None


class StakeholderRevision(models.Model):
    """One field of one person on the roster, as someone saved it."""

    stakeholder = models.ForeignKey(Stakeholder, on_delete=models.CASCADE, related_name="revisions")
    field = models.CharField(max_length=30)
    value = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField()
    saved_at = models.DateTimeField()
    restored_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-saved_at", "-pk"]
        indexes = [
            models.Index(fields=["stakeholder", "field", "-saved_at"], name="stakeholder_revision_latest")
        ]

    def __str__(self) -> str:
        return f"Revision {self.pk} of person {self.stakeholder_id}"


class SnapshotRevision(models.Model):
    """A row with several fields (and lists), kept whole after a save: ``snapshot`` holds every field as
    plain data, lists as ids, so a revision never keeps a person's name once that person is removed (the
    page names the ids still on the prep). The row's first revision is kept when it is made, so the
    earliest version can always be restored; later saves by one person within ``HISTORY_COALESCE`` of the
    revision's start update it (``preps.revisions.snapshot_record``)."""

    snapshot = models.JSONField()
    version = models.PositiveIntegerField()  # the row's version this revision holds
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField()
    saved_at = models.DateTimeField()
    restored_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["-saved_at", "-pk"]


class ExpectedQuestionRevision(SnapshotRevision):
    """One version of an expected question (question 4): its text, answer, askers and linked FAQ entries."""

    expected_question = models.ForeignKey(
        ExpectedQuestion, on_delete=models.CASCADE, related_name="revisions"
    )

    class Meta(SnapshotRevision.Meta):
        indexes = [models.Index(fields=["expected_question", "-saved_at"], name="expected_revision_latest")]

    def __str__(self) -> str:
        return f"Revision {self.pk} of expected question {self.expected_question_id}"
