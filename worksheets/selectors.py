"""Reads of the published worksheet. Every page, document and export that needs the content gets it here."""

from django.db.models import Prefetch

from .models import FAQEntry, Question, TipGroup, Worksheet


def default_worksheet() -> Worksheet | None:
    """The worksheet a new meeting prep starts from and the public pages show: the first published one."""
    return Worksheet.objects.published().order_by("pk").first()


def published_worksheets():
    return Worksheet.objects.published()


def worksheet_with_content(worksheet_id) -> Worksheet:
    """A worksheet with its questions, tips and FAQ prefetched: a constant number of queries however long."""
    return Worksheet.objects.prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("position")),
        Prefetch("tip_groups", queryset=TipGroup.objects.order_by("position").prefetch_related("tips")),
        Prefetch("faq_entries", queryset=FAQEntry.objects.order_by("position")),
    ).get(pk=worksheet_id)


def default_worksheet_with_content() -> Worksheet | None:
    worksheet = default_worksheet()
    return worksheet_with_content(worksheet.pk) if worksheet else None
