"""What happened at a meeting, and what follows from it (issue 15).

A **MeetingOutcome** is one per meeting prep, made the first time the director opens "Record how it went"
(``services.outcome_ensure``). It holds who attended (**Attendance**: a person on the roster, ticked or
not, or someone not on it, by name), the decisions made (**Decision**), the commitments (**Commitment**:
what, who owns it, when it is due, done or open), the questions left open (**OpenQuestion**), and per
person on the roster a **StanceChange** (their stance and influence after the meeting, with a note on
why). Every row carries a ``version``, like the roster's: a save names the version it started from
(``preps.services.versioned_update``).

Private notes about real people: nothing here is registered in the admin.
"""

from django.conf import settings
from django.db import models

from preps.models import MeetingPrep, Stakeholder

OUTCOME_TEXT_MAX = 2000
OUTCOME_NAME_MAX = 200
OUTCOME_MAX_ROWS = 100  # of each kind per meeting


def _updated_by() -> models.ForeignKey:
    """Who saved the row's version last: a 409 names them to a colleague saving over an older one."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )


class MeetingOutcome(models.Model):
    prep = models.OneToOneField(MeetingPrep, on_delete=models.CASCADE, related_name="outcome")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Outcome of {self.prep_id}"


class Attendance(models.Model):
    outcome = models.ForeignKey(MeetingOutcome, on_delete=models.CASCADE, related_name="attendances")
    # A person on the roster (ticked or not), or, with no person, someone not on it by ``name``.
    stakeholder = models.ForeignKey(Stakeholder, on_delete=models.CASCADE, null=True, blank=True)
    name = models.CharField(max_length=OUTCOME_NAME_MAX, blank=True)
    attended = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = _updated_by()

    class Meta:
        ordering = ["outcome", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["outcome", "stakeholder"], name="attendance_one_per_person")
        ]

    def __str__(self):
        return f"Attendance {self.pk} of {self.outcome_id}"

    @property
    def display_name(self) -> str:
        return self.stakeholder.name if self.stakeholder_id else self.name


class _Row(models.Model):
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = _updated_by()

    class Meta:
        abstract = True
        ordering = ["outcome", "position", "pk"]


class Decision(_Row):
    outcome = models.ForeignKey(MeetingOutcome, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(max_length=OUTCOME_TEXT_MAX)

    def __str__(self):
        return f"Decision {self.pk} of {self.outcome_id}"


class CommitmentQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done=False)


class Commitment(_Row):
    outcome = models.ForeignKey(MeetingOutcome, on_delete=models.CASCADE, related_name="commitments")
    what = models.TextField(max_length=OUTCOME_TEXT_MAX)
    # Who owns it: a person on the roster, or a name (the director, a colleague not on the roster).
    owner_person = models.ForeignKey(Stakeholder, on_delete=models.SET_NULL, null=True, blank=True)
    owner_name = models.CharField("owner", max_length=OUTCOME_NAME_MAX, blank=True)
    due = models.DateField("due date", null=True, blank=True)
    done = models.BooleanField(default=False)

    objects = CommitmentQuerySet.as_manager()

    def __str__(self):
        return f"Commitment {self.pk} of {self.outcome_id}"

    @property
    def owner(self) -> str:
        return self.owner_person.name if self.owner_person_id else self.owner_name


class OpenQuestion(_Row):
    outcome = models.ForeignKey(MeetingOutcome, on_delete=models.CASCADE, related_name="open_questions")
    text = models.TextField(max_length=OUTCOME_TEXT_MAX)

    def __str__(self):
        return f"Open question {self.pk} of {self.outcome_id}"


class StanceChange(models.Model):
    """A person's ratings after the meeting; equal to the roster's until she changes them."""

    outcome = models.ForeignKey(MeetingOutcome, on_delete=models.CASCADE, related_name="stance_changes")
    stakeholder = models.ForeignKey(Stakeholder, on_delete=models.CASCADE, related_name="stance_changes")
    stance = models.CharField(max_length=10, choices=Stakeholder.Stance.choices, blank=True, default="")
    influence = models.CharField(max_length=10, choices=Stakeholder.Influence.choices, blank=True, default="")
    note = models.TextField(blank=True, max_length=OUTCOME_TEXT_MAX)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = _updated_by()

    class Meta:
        ordering = ["outcome", "stakeholder__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["outcome", "stakeholder"], name="stance_change_one_per_person")
        ]

    def __str__(self):
        return f"Stance change {self.pk} of {self.outcome_id}"

    @property
    def changed(self) -> bool:
        person = self.stakeholder
        return (self.stance, self.influence) != (person.stance, person.influence) or bool(self.note.strip())
