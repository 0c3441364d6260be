"""One user's preparation for one meeting: a filled-in copy of a published worksheet."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Func, IntegerField, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from .content import Question, Worksheet

# An answer of nothing but these counts as unanswered. One list for SQL and Python, because SQL's plain TRIM
# strips only spaces and Python's strip() strips every kind of white space: they disagreed on "\n\n".
BLANK_CHARACTERS = " \t\n\r\x0b\x0c"


class TrimBlank(Func):
    """TRIM(text, BLANK_CHARACTERS): the same two-argument form on SQLite and PostgreSQL."""

    function = "TRIM"
    output_field = TextField()

    def __init__(self, expression):
        super().__init__(expression, Value(BLANK_CHARACTERS))


class MeetingPrepQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user)

    def with_progress(self):
        """Annotate ``answered_count`` (answers with more than white space) and ``question_count``."""
        answered = (
            Answer.objects.filter(prep=OuterRef("pk"))
            .annotate(trimmed=TrimBlank("text"))
            .exclude(trimmed="")
            .values("prep")
            .annotate(n=Count("pk"))
            .values("n")
        )
        questions = (
            Question.objects.filter(worksheet=OuterRef("worksheet"))
            .values("worksheet")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            answered_count=Coalesce(Subquery(answered, output_field=IntegerField()), 0),
            question_count=Coalesce(Subquery(questions, output_field=IntegerField()), 0),
        )


class MeetingPrep(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_preps"
    )
    worksheet = models.ForeignKey(Worksheet, on_delete=models.PROTECT, related_name="meeting_preps")
    meeting_title = models.CharField(max_length=200)
    meeting_date = models.DateField(null=True, blank=True)
    program_name = models.CharField(max_length=200, blank=True)
    jurisdiction = models.CharField("city or jurisdiction", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, help_text="Last edit to the details or any answer.")

    objects = MeetingPrepQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = "meeting prep"

    def __str__(self):
        # Not the title: generic screens (the admin's "delete this user?" list, logs) must not show a user's
        # private meeting to anyone else.
        return f"Meeting prep {self.pk}"

    def get_absolute_url(self):
        return reverse("prep_fill", args=[self.pk])


class Answer(models.Model):
    """The text a user wrote for one question of one meeting prep.

    ``version`` goes up by one with every saved change; a save names the version it started from, so a save
    based on stale text is refused instead of overwriting newer words (see ``services.answer_save``).
    """

    prep = models.ForeignKey(MeetingPrep, on_delete=models.CASCADE, related_name="answers")
    # PROTECT: an admin cannot delete a question while someone's answer to it would go with it.
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prep", "question"], name="answer_one_per_question")]

    def __str__(self):
        return f"Answer to {self.question_id} in {self.prep_id}"

    @property
    def is_answered(self):
        return bool(self.text.strip(BLANK_CHARACTERS))
