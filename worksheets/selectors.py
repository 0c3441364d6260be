"""Reads of the published worksheet. Every page, document and export that needs the content gets it here."""

from functools import lru_cache

from django.db.models import Prefetch

from .models import FAQEntry, Question, Tip, TipGroup, Worksheet


def default_worksheet() -> Worksheet | None:
    """The worksheet a new meeting prep starts from and the public pages show: the first published one."""
    return Worksheet.objects.published().order_by("pk").first()


def published_worksheets():
    return Worksheet.objects.published()


def worksheet_with_content(worksheet_id) -> Worksheet:
    """A worksheet with its questions, tips and FAQ prefetched, as the database holds them now: one query for
    its ``content_version`` (which database triggers change on every write to any of them), and the content
    from this process's cache under that version, or read (5 queries, however long the worksheet).

    The instance is shared by every request that reads this version: read it, never change it."""
    version = Worksheet.objects.filter(pk=worksheet_id).values_list("content_version", flat=True).first()
    if version is None:
        raise Worksheet.DoesNotExist(f"No worksheet {worksheet_id}.")
    return _content_at(int(worksheet_id), version)


@lru_cache(maxsize=16)
def _content_at(worksheet_id: int, content_version: int) -> Worksheet:
    # A write between the version's query and these reads is cached under the older version: newer content
    # than the key says, never older, and the next request reads the new version and misses.
    return Worksheet.objects.prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("position")),
        Prefetch("tip_groups", queryset=TipGroup.objects.order_by("position").prefetch_related("tips")),
        Prefetch("faq_entries", queryset=FAQEntry.objects.order_by("position")),
    ).get(pk=worksheet_id)


def default_worksheet_with_content() -> Worksheet | None:
    worksheet = default_worksheet()
    return worksheet_with_content(worksheet.pk) if worksheet else None


def question_tips(worksheet: Worksheet, question: Question) -> list[Tip]:
    """The tips that belong to ``question``, in the worksheet's order (from the prefetched content)."""
    return [
        tip
        for group in worksheet.tip_groups.all()
        for tip in group.tips.all()
        if tip.question_id == question.pk
    ]
