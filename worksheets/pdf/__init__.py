"""The worksheet as a PDF: a meeting prep with its answers, or the blank worksheet.

A document is data (``document.py``) + a template (``templates/pdf/prep.html``) + a renderer (``render.py``,
WeasyPrint behind a fetcher that reads nothing but the project's static files). WeasyPrint is imported on the
first render, never at start-up.
"""

from django.template.loader import render_to_string

from worksheets.models import MeetingPrep, Worksheet
from worksheets.selectors import answers_by_question, worksheet_with_content

from .document import RenderedPDF, blank_context, blank_filename, prep_context, prep_filename

__all__ = ["PDF_CONTENT_TYPE", "RenderedPDF", "render_blank_pdf", "render_prep_pdf"]

PDF_CONTENT_TYPE = "application/pdf"
TEMPLATE = "pdf/prep.html"


def render_prep_pdf(prep: MeetingPrep, *, include_examples: bool, include_extras: bool) -> RenderedPDF:
    worksheet = worksheet_with_content(prep.worksheet_id)
    context = prep_context(
        prep,
        worksheet,
        answers_by_question(prep),
        include_examples=include_examples,
        include_extras=include_extras,
    )
    return RenderedPDF(prep_filename(prep), PDF_CONTENT_TYPE, _pdf_bytes(context))


def render_blank_pdf(worksheet: Worksheet) -> RenderedPDF:
    context = blank_context(worksheet_with_content(worksheet.pk))
    return RenderedPDF(blank_filename(worksheet), PDF_CONTENT_TYPE, _pdf_bytes(context))


def _pdf_bytes(context: dict) -> bytes:
    from .render import html_to_pdf  # noqa: PLC0415 - lazy: WeasyPrint is slow to import

    return html_to_pdf(render_to_string(TEMPLATE, context))
