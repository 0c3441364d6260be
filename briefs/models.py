"""The meeting brief: the document a director hands out at the meeting (the preparation notes stay private).

A **MeetingBrief** is one per meeting prep, made with its defaults the first time the director opens the brief
page (``services.brief_ensure``); until then the documents use the same defaults unsaved
(``selectors.brief_for_prep``). It holds the meeting's time and place, purpose, desired outcome, her program
primer, which private blocks she chose to include (each off until she turns it on) and which FAQ entries.
An **AgendaItem** is one line of its agenda. ``version`` goes up with every change to the brief or its
agenda: a form posts the version it was shown, and a stale one changes nothing (``services``). A
**BriefRevision** keeps each version of the brief and its agenda, to browse and restore.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

from core.text import TypedTextModel
from preps.models import MeetingPrep, SnapshotRevision
from worksheets.models import FAQEntry

BRIEF_TEXT_MAX = 2000
PRIMER_MAX = 6000
AGENDA_MAX_ITEMS = 30
AGENDA_NOTE_MAX = 1000
AGENDA_MINUTES_MAX = 600

# The blocks that hold private notes: none is in the brief unless she includes it (field name -> what it is).
PRIVATE_BLOCKS: dict[str, str] = {
    "include_question3": "your notes on what matters to each agency (question 3)",
    "include_person_notes": "each person’s “what matters to them” and “likely concerns”",
    "include_ratings": "stance and influence ratings",
    "include_expected_answers": "your own answers to the questions you expect",
}


class MeetingBrief(TypedTextModel, models.Model):
    prep = models.OneToOneField(MeetingPrep, on_delete=models.CASCADE, related_name="brief")
    start_time = models.TimeField(null=True, blank=True)
    place = models.CharField(max_length=200, blank=True)
    purpose = models.TextField(blank=True, max_length=BRIEF_TEXT_MAX)
    desired_outcome = models.TextField("desired outcome", blank=True, max_length=BRIEF_TEXT_MAX)
    primer = models.TextField("program primer", blank=True, max_length=PRIMER_MAX)
    include_question3 = models.BooleanField(default=False)
    include_person_notes = models.BooleanField(default=False)
    include_ratings = models.BooleanField(default=False)
    include_expected_answers = models.BooleanField(default=False)
    # False: the FAQ entries are those linked to question 4's expected questions (they follow new links);
    # True: exactly ``faq_entries``, as she chose them.
    faq_chosen = models.BooleanField(default=False)
    faq_entries = models.ManyToManyField(FAQEntry, blank=True, related_name="briefs")
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    # Who made the current version (a conflict names them); None before the first change or once they left.
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        # Not the meeting's title: generic screens and logs must not show a user's meeting.
        return f"Meeting brief {self.pk} of {self.prep_id}"


class AgendaItem(TypedTextModel, models.Model):
    brief = models.ForeignKey(MeetingBrief, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    minutes = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(AGENDA_MINUTES_MAX)]
    )
    lead = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True, max_length=AGENDA_NOTE_MAX)
    # Which suggested item this began as ("" for her own): the "questions" one lists the expected questions.
    suggestion = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["brief", "position", "pk"]

    def __str__(self):
        return f"Agenda item {self.pk} of brief {self.brief_id}"


class BriefRevision(SnapshotRevision):
    """One version of a brief: details, private blocks, FAQ choice, agenda (``selectors.brief_snapshot``)."""

    brief = models.ForeignKey(MeetingBrief, on_delete=models.CASCADE, related_name="revisions")

    class Meta(SnapshotRevision.Meta):
        indexes = [models.Index(fields=["brief", "-saved_at"], name="brief_revision_latest")]

    def __str__(self) -> str:
        return f"Revision {self.pk} of meeting brief {self.brief_id}"
