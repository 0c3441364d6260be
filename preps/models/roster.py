"""The stakeholder roster of one meeting prep: the people of question 1, carried through questions 2 to 4.

A **Stakeholder** is one person's entry on one meeting's roster (its ``person`` is the work group's
**Person**, ``person.py``) (who they are, whether to invite them, what they bring, what
matters to them, their influence and stance); an **ExpectedQuestion** is one question the director expects at
the meeting (question 4), who may ask it, her answer and the FAQ entries that answer it. Both carry a
``version``, like ``Answer``: a save names the version it started from (``services.versioned_update``).

Private notes about real people: neither model is registered in the admin.
"""

from django.conf import settings
from django.db import models

from worksheets.models import FAQEntry

from .blank import is_blank

# The per-person fields that answer a question, by the question's key: progress counts the question as
# answered when its free text or any person's field holds words (``MeetingPrepQuerySet.with_progress``).
ROSTER_FIELDS_BY_QUESTION_KEY: dict[str, tuple[str, ...]] = {
    "expertise": ("expertise",),
    "what-matters": ("what_matters", "concerns"),
}

# A generous cap on one row's text fields: a note, not an essay (oversized text is refused with a 4xx).
STAKEHOLDER_TEXT_MAX = 2000
ROSTER_MAX_PEOPLE = 200


class Stakeholder(models.Model):
    class Kind(models.TextChoices):
        EMERGENCY_COMMUNICATIONS = "911", "911 / emergency communications"
        POLICE = "police", "Police"
        FIRE = "fire", "Fire"
        EMS = "ems", "EMS"
        CITY = "city", "City leadership or council"
        FUNDER = "funder", "Funder"
        COMMUNITY = "community", "Community or provider"
        UNION = "union", "Union"
        OTHER = "other", "Other"

    class Invite(models.TextChoices):
        INVITE = "invite", "Invite"
        LATER = "later", "Later"
        INFORMED = "informed", "Keep informed"

    class Influence(models.TextChoices):
        UNSET = "", "Not rated"
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    class Stance(models.TextChoices):
        UNSET = "", "Not rated"
        OPPOSED = "opposed", "Opposed"
        SKEPTICAL = "skeptical", "Skeptical"
        NEUTRAL = "neutral", "Neutral"
        SUPPORTIVE = "supportive", "Supportive"
        CHAMPION = "champion", "Champion"

    prep = models.ForeignKey("MeetingPrep", on_delete=models.CASCADE, related_name="stakeholders")
    # The work group's person this entry is about (``person.py``): name, role, organisation and kind are a
    # copy of the person's, kept equal by the services; the rest is what was prepared for this meeting.
    person = models.ForeignKey("Person", on_delete=models.CASCADE, related_name="roster_entries")
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=200)
    role = models.CharField("title or role", max_length=200, blank=True)
    organisation = models.CharField("agency or organisation", max_length=200, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    invite = models.CharField(max_length=20, choices=Invite.choices, default=Invite.INVITE)
    expertise = models.TextField(blank=True, max_length=STAKEHOLDER_TEXT_MAX)
    what_matters = models.TextField(blank=True, max_length=STAKEHOLDER_TEXT_MAX)
    concerns = models.TextField(blank=True, max_length=STAKEHOLDER_TEXT_MAX)
    influence = models.CharField(max_length=10, choices=Influence.choices, blank=True, default="")
    stance = models.CharField(max_length=10, choices=Stance.choices, blank=True, default="")
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["prep", "position", "pk"]
        indexes = [models.Index(fields=["prep", "position"], name="stakeholder_prep_position")]

    def __str__(self):
        # Not the name: generic screens and logs must not show a user's private notes about a person.
        return f"Stakeholder {self.pk} in {self.prep_id}"

    def answers_question(self, key: str) -> bool:
        """Whether one of this person's fields for the question named ``key`` holds words."""
        return any(not is_blank(getattr(self, field)) for field in ROSTER_FIELDS_BY_QUESTION_KEY.get(key, ()))

    # Django's own get_FOO_display() rebuilds the field's choices on every call (~13 µs); the fill page's
    # power map table and the documents call two or four per person. Same labels, from the enum.
    def get_kind_display(self) -> str:
        return _label(self.Kind, self.kind)

    def get_invite_display(self) -> str:
        return _label(self.Invite, self.invite)

    def get_influence_display(self) -> str:
        return _label(self.Influence, self.influence)

    def get_stance_display(self) -> str:
        return _label(self.Stance, self.stance)


def _label(choices: type[models.TextChoices], value: str) -> str:
    """The label of ``value`` among ``choices``; a value that is not one (blank) shows as itself, as in
    Django's ``get_FOO_display``."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


class ExpectedQuestion(models.Model):
    prep = models.ForeignKey("MeetingPrep", on_delete=models.CASCADE, related_name="expected_questions")
    position = models.PositiveIntegerField()
    text = models.TextField(max_length=STAKEHOLDER_TEXT_MAX)
    answer = models.TextField(blank=True, max_length=STAKEHOLDER_TEXT_MAX)
    askers = models.ManyToManyField(Stakeholder, blank=True, related_name="expected_questions")
    faq_entries = models.ManyToManyField(FAQEntry, blank=True, related_name="expected_questions")
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    # Who saved this version: a 409 names them to a colleague saving over an older one.
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["prep", "position", "pk"]

    def __str__(self):
        return f"Expected question {self.pk} in {self.prep_id}"


class RosterRemoval(models.Model):
    """A person just taken off a roster, kept so the one who removed them can undo it for a few minutes
    (``roster_undo.py``). A row, not session data: it goes with the prep and with the account (CASCADE)."""

    prep = models.ForeignKey("MeetingPrep", on_delete=models.CASCADE, related_name="+")
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    person_id = models.BigIntegerField()  # the removed Stakeholder's pk, which the undo restores
    removed = models.JSONField()  # services.RemovedStakeholder.as_data()
    removed_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["removed_at", "pk"]

    def __str__(self):
        return f"Removal of person {self.person_id} from {self.prep_id}"
