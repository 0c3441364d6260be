"""One user's preparation for one meeting: a filled-in copy of a published worksheet."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from core.text import TypedTextModel
from worksheets.models import Question, Worksheet

from .blank import TrimBlank, is_blank
from .roster import ROSTER_FIELDS_BY_QUESTION_KEY, Stakeholder
from .workgroup import WorkGroup


class MeetingPrepQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user)

    def with_progress(self):
        """Annotate ``answered_count`` and ``question_count``.

        A question counts as answered when its answer holds more than white space, or (questions 2 and 3, by
        key: ``roster.ROSTER_FIELDS_BY_QUESTION_KEY``) when any person on the roster has words in one of its
        per-person fields; blank is ``models.blank``'s one definition, in SQL as in Python.
        """
        prep = OuterRef(OuterRef("pk"))
        answered_when = Exists(
            Answer.objects.filter(prep=prep, question=OuterRef("pk"))
            .annotate(trimmed=TrimBlank("text"))
            .exclude(trimmed="")
        )
        for key, fields in ROSTER_FIELDS_BY_QUESTION_KEY.items():
            someone_wrote = Q()
            for field in fields:
                someone_wrote |= ~Q(**{f"{field}_trimmed": ""})
            people = Stakeholder.objects.filter(prep=prep).annotate(
                **{f"{field}_trimmed": TrimBlank(field) for field in fields}
            )
            answered_when |= Q(key=key) & Exists(people.filter(someone_wrote))
        answered = (
            Question.objects.filter(worksheet=OuterRef("worksheet"))
            .filter(answered_when)
            .values("worksheet")
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


class MeetingPrep(TypedTextModel, models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_preps"
    )
    worksheet = models.ForeignKey(Worksheet, on_delete=models.PROTECT, related_name="meeting_preps")
    # The work group this is a meeting of (a one-off meeting: a group of one). Its owner is the prep's owner;
    # deleting the group deletes its meetings, which only the owner can do (``services``).
    work_group = models.ForeignKey(WorkGroup, on_delete=models.CASCADE, related_name="meetings")
    meeting_title = models.CharField(max_length=200)
    meeting_date = models.DateField(null=True, blank=True)
    program_name = models.CharField(max_length=200, blank=True)
    jurisdiction = models.CharField("city or jurisdiction", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, help_text="Last edit to the details or any answer.")
    # A work group's meetings (outcomes app, "Prepare the next meeting"): the meeting this one follows, and
    # the series' first meeting (blank on the first itself). SET_NULL: deleting one meeting keeps the others.
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_preps", editable=False
    )
    series_root = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="series_members",
        editable=False,
    )

    objects = MeetingPrepQuerySet.as_manager()

    class Meta:
        # The table kept its name when the model moved here from the worksheets app (preps/migrations/0001).
        db_table = "worksheets_meetingprep"
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
        db_table = "worksheets_answer"  # kept from the worksheets app, as MeetingPrep's
        constraints = [models.UniqueConstraint(fields=["prep", "question"], name="answer_one_per_question")]

    def __str__(self):
        return f"Answer to {self.question_id} in {self.prep_id}"

    @property
    def is_answered(self):
        return not is_blank(self.text)
