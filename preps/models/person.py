"""A work group's **people**: a **Person** is a stakeholder entered once in a group (who they are and how to
reach them) and invited to as many of its meetings as needed. Each meeting's roster entry (``Stakeholder``)
points to its person and keeps what was prepared about them for that meeting (notes, ratings, invite).

Who they are lives on the Person; each roster entry keeps a copy of the name, title, agency and kind, which
the services keep equal to the person's (``services.person_update``, ``stakeholder_update``), so the fill
page, the documents and the fillable PDF read a roster entry as before.

An **EngagementPlan** is how the team means to win a person over: the approach, the next step, who on the
team owns it and by when. Its due steps show on the dashboard and in the private notes, never in the brief.

Private notes about real people: neither model is registered in the admin.
"""

from django.conf import settings
from django.db import models

from core.text import TypedTextModel

from .roster import STAKEHOLDER_TEXT_MAX, Stakeholder

PERSON_NAME_MAX = 200
PERSON_PHONE_MAX = 40
GROUP_MAX_PEOPLE = 1000

# The identity fields a roster entry copies from its person: the person's name for each.
IDENTITY_FIELDS: dict[str, str] = {"name": "name", "role": "title", "organisation": "agency", "kind": "kind"}


class Person(TypedTextModel, models.Model):
    work_group = models.ForeignKey("WorkGroup", on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=PERSON_NAME_MAX)
    title = models.CharField("title or role", max_length=PERSON_NAME_MAX, blank=True)
    agency = models.CharField("agency or organisation", max_length=PERSON_NAME_MAX, blank=True)
    kind = models.CharField(max_length=20, choices=Stakeholder.Kind.choices, default=Stakeholder.Kind.OTHER)
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField(max_length=PERSON_PHONE_MAX, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["work_group", "name", "pk"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        # Not the name, as Stakeholder: generic screens and logs must not show who a user's notes are about.
        return f"Person {self.pk} of work group {self.work_group_id}"

    def get_kind_display(self) -> str:
        return Stakeholder(kind=self.kind).get_kind_display()


class EngagementPlan(TypedTextModel, models.Model):
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="engagement_plan")
    approach = models.TextField(blank=True, max_length=STAKEHOLDER_TEXT_MAX)
    next_step = models.TextField("next step", blank=True, max_length=STAKEHOLDER_TEXT_MAX)
    # Who on the team owns the next step (the group's owner or a colleague invited to one of its meetings).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    due = models.DateField("by when", null=True, blank=True)
    done = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["done", "due"], name="engagement_plan_due")]

    def __str__(self) -> str:
        return f"Engagement plan of person {self.person_id}"

    @property
    def is_due(self) -> bool:
        """An open next step with a date: it shows on the dashboard and in the notes."""
        return bool(self.next_step.strip()) and self.due is not None and not self.done
