"""The worksheet as a PDF: a meeting prep with its answers, or the blank worksheet.

A document is data (``document.py``) + a template (``templates/pdf/prep.html``) + a renderer (``render.py``,
WeasyPrint behind a fetcher that reads nothing but the project's static files). WeasyPrint is imported on the
first render, never at start-up. Downloads go through ``PDFSource.cached_content`` (``cache.py``): an
unchanged PDF is rendered once and then served from the cache.
"""

from dataclasses import dataclass
from functools import cached_property

from django.template.loader import render_to_string

from worksheets.models import MeetingPrep, Worksheet
from worksheets.selectors import answers_by_question, worksheet_with_content

from .cache import cached_pdf, pdf_digest
from .document import RenderedPDF, blank_context, blank_filename, prep_context, prep_filename

__all__ = [
    "PDF_CONTENT_TYPE",
    "PDFSource",
    "RenderedPDF",
    "blank_pdf_source",
    "prep_pdf_source",
    "render_blank_pdf",
    "render_prep_pdf",
]

PDF_CONTENT_TYPE = "application/pdf"
TEMPLATE = "pdf/prep.html"
# PDF/UA-1: tagged structure, the <title> shown as the document title and the <html lang> recorded.
WRITE_OPTIONS = {"pdf_variant": "pdf/ua-1"}


@dataclass(frozen=True)
class PDFSource:
    """A PDF before it is rendered: its file name and its HTML. Rendering it is the slow part."""

    filename: str
    html: str

    @cached_property
    def digest(self) -> str:
        """A hash of everything the PDF is made of: its cache key and its ETag."""
        return pdf_digest(self.html, WRITE_OPTIONS)

    def render(self) -> bytes:
        from .render import html_to_pdf  # noqa: PLC0415 - lazy: WeasyPrint is slow to import

        return html_to_pdf(self.html, **WRITE_OPTIONS)

    def cached_content(self) -> tuple[bytes, bool]:
        """The PDF's bytes from the cache, or rendered and cached; and whether they came from the cache."""
        return cached_pdf(self.digest, self.render)


def prep_pdf_source(prep: MeetingPrep, *, include_examples: bool, include_extras: bool) -> PDFSource:
    worksheet = worksheet_with_content(prep.worksheet_id)
    context = prep_context(
        prep,
        worksheet,
        answers_by_question(prep),
        include_examples=include_examples,
        include_extras=include_extras,
    )
    return PDFSource(prep_filename(prep), render_to_string(TEMPLATE, context))


def blank_pdf_source(worksheet: Worksheet) -> PDFSource:
    context = blank_context(worksheet_with_content(worksheet.pk))
    return PDFSource(blank_filename(worksheet), render_to_string(TEMPLATE, context))


def render_prep_pdf(prep: MeetingPrep, *, include_examples: bool, include_extras: bool) -> RenderedPDF:
    """A fresh render, past the cache."""
    source = prep_pdf_source(prep, include_examples=include_examples, include_extras=include_extras)
    return RenderedPDF(source.filename, PDF_CONTENT_TYPE, source.render())


def render_blank_pdf(worksheet: Worksheet) -> RenderedPDF:
    """A fresh render, past the cache."""
    source = blank_pdf_source(worksheet)
    return RenderedPDF(source.filename, PDF_CONTENT_TYPE, source.render())
