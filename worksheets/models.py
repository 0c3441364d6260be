"""The published worksheet: what admins edit and every user reads.

Text fields documented as Markdown are rendered by ``worksheets.markdown.render_markdown``. Each model has a
natural key so the content fixtures carry no database ids and load beside whatever an admin has added.
"""

import secrets

from django.db import models

from core.text import TypedTextModel


def new_content_version() -> int:
    """A random 62-bit number, so a cache keyed by it does not confuse two states of the content (a counter
    would hand the same value to two states: one edit rolled back, the next one committed)."""
    return secrets.randbits(62)


class WorksheetQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class WorksheetManager(models.Manager.from_queryset(WorksheetQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Worksheet(TypedTextModel, models.Model):
    slug = models.SlugField(unique=True)
    series_title = models.CharField(
        max_length=200, blank=True, help_text="For example “Innovations in 911 Response”."
    )
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True, help_text="Markdown.")
    tips_heading = models.CharField(max_length=200, blank=True)
    faq_heading = models.CharField(max_length=200, blank=True)
    credit = models.TextField(blank=True, help_text="Markdown. Shown at the foot of the page and the PDF.")
    is_published = models.BooleanField(default=True, help_text="Only published worksheets can be started.")
    # A new random value on every write to the worksheet or its questions, tip groups, tips and FAQ entries,
    # set by database triggers (migration 0005) whatever makes the write: the admin, loaddata, a QuerySet
    # update(), raw SQL. ``selectors.worksheet_with_content`` caches the content under it.
    content_version = models.BigIntegerField(default=new_content_version, editable=False)

    objects = WorksheetManager()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    def published_faq(self):
        """FAQ entries shown to users, in order (uses the prefetch cache when there is one)."""
        return [entry for entry in self.faq_entries.all() if entry.is_published]


class PositionedManager(models.Manager):
    """Children of a worksheet are identified by (worksheet slug, position) in fixtures."""

    def get_by_natural_key(self, worksheet_slug, position):
        return self.get(worksheet__slug=worksheet_slug, position=position)


class QuestionManager(models.Manager):
    """Questions are identified by (worksheet slug, key) in fixtures: the key survives reordering."""

    def get_by_natural_key(self, worksheet_slug, key):
        return self.get(worksheet__slug=worksheet_slug, key=key)


class Question(TypedTextModel, models.Model):
    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="questions")
    # The question's name outside the database: form field names, autosave URLs, fixtures, file imports.
    # Unlike the position, it does not change when an admin reorders the questions.
    key = models.SlugField(
        max_length=50,
        help_text="A short name for this question that never changes (letters, digits, hyphens). "
        "Answers in downloaded and imported files are matched to the question by it.",
    )
    position = models.PositiveSmallIntegerField()
    prompt = models.CharField(max_length=300)
    example = models.TextField(blank=True, help_text="Carmen’s worked example. Markdown.")
    answer_label = models.CharField(max_length=100, default="My answers")

    objects = QuestionManager()

    class Meta:
        ordering = ["worksheet", "position"]
        constraints = [
            models.UniqueConstraint(fields=["worksheet", "position"], name="question_unique_position"),
            models.UniqueConstraint(fields=["worksheet", "key"], name="question_unique_key"),
        ]

    def __str__(self):
        return f"{self.position}. {self.prompt}"

    def natural_key(self):
        return (*self.worksheet.natural_key(), self.key)

    natural_key.dependencies = ["worksheets.worksheet"]


class TipGroup(TypedTextModel, models.Model):
    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="tip_groups")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)

    objects = PositionedManager()

    class Meta:
        ordering = ["worksheet", "position"]
        constraints = [
            models.UniqueConstraint(fields=["worksheet", "position"], name="tipgroup_unique_position"),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (*self.worksheet.natural_key(), self.position)

    natural_key.dependencies = ["worksheets.worksheet"]


class TipManager(models.Manager):
    def get_by_natural_key(self, worksheet_slug, group_position, position):
        return self.get(
            group__worksheet__slug=worksheet_slug, group__position=group_position, position=position
        )


class Tip(TypedTextModel, models.Model):
    group = models.ForeignKey(TipGroup, on_delete=models.CASCADE, related_name="tips")
    position = models.PositiveSmallIntegerField()
    text = models.TextField(help_text="Markdown.")
    # The question whose step shows this tip beside it; a tip without one shows only with all the tips.
    question = models.ForeignKey(
        Question,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tips",
        help_text="The question whose step shows this tip beside it.",
    )

    objects = TipManager()

    class Meta:
        ordering = ["group", "position"]
        constraints = [models.UniqueConstraint(fields=["group", "position"], name="tip_unique_position")]

    def __str__(self):
        return self.text[:80]

    def natural_key(self):
        return (*self.group.natural_key(), self.position)

    natural_key.dependencies = ["worksheets.tipgroup", "worksheets.question"]


class FAQEntry(TypedTextModel, models.Model):
    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="faq_entries")
    position = models.PositiveSmallIntegerField()
    question = models.CharField(max_length=300)
    answer = models.TextField(help_text="Markdown.")
    sources = models.TextField(blank=True, help_text="Markdown list of the sources the answer cites.")
    search_terms = models.TextField(
        blank=True,
        help_text="Other words people use when they ask this (one or more per line: slang, abbreviations, "
        "paraphrases). Question 4's suggestions match them as well as the question and answer.",
    )
    is_published = models.BooleanField(default=True)

    objects = PositionedManager()

    class Meta:
        ordering = ["worksheet", "position"]
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"
        constraints = [
            models.UniqueConstraint(fields=["worksheet", "position"], name="faqentry_unique_position"),
        ]

    def __str__(self):
        return self.question

    def natural_key(self):
        return (*self.worksheet.natural_key(), self.position)

    natural_key.dependencies = ["worksheets.worksheet"]
