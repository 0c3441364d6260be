"""A document as a PDF: a meeting prep with its answers, or the blank worksheet.

A document is data (``content.py``) + a template (``templates/documents/pdf/``) + a renderer
(``pdf/render.py``, WeasyPrint behind a fetcher that reads nothing but the project's static files), put
together by its kind (``registry.py``). WeasyPrint is imported on the first render, never at start-up.
Downloads go through ``PDFSource.cached_content`` (``pdf/cache.py``): an unchanged PDF is rendered once and
then served from the cache.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from django.template.loader import render_to_string

from briefs.selectors import Brief, brief_for_prep
from preps.models import MeetingPrep
from preps.selectors import PrepContent, prep_with_content
from worksheets.models import Worksheet

from .pdf.cache import cached_pdf, pdf_cache_key, pdf_digest
from .purge import remember_prep_document
from .registry import PDF_UA, document_kind

PDF_CONTENT_TYPE = "application/pdf"
WRITE_OPTIONS = dict(PDF_UA)


@dataclass(frozen=True)
class PDFSource:
    """A PDF before it is rendered: its file name and its HTML. Rendering it is the slow part."""

    filename: str
    html: str
    write_options: Mapping = field(default_factory=lambda: WRITE_OPTIONS)
    prep_id: int | None = None  # the prep it is made of: deleting the prep deletes its cached bytes

    @cached_property
    def digest(self) -> str:
        """A hash of everything the PDF is made of: its cache key and its ETag."""
        return pdf_digest(self.html, dict(self.write_options))

    def render(self) -> bytes:
        """A fresh render in a child process under the CPU and memory limits (``pdf/isolated.py``)."""
        from .pdf.isolated import render_isolated  # noqa: PLC0415
        from .pdf.render import html_to_pdf  # noqa: PLC0415 - lazy: WeasyPrint is slow to import

        html, options = self.html, dict(self.write_options)
        return render_isolated(lambda: html_to_pdf(html, **options))

    def cached_content(self, *, limit_key: str | None = None) -> tuple[bytes, bool]:
        """The PDF's bytes from the cache, or rendered and cached; and whether they came from the cache.

        ``limit_key`` (a user's): a fresh render is subject to the render limits (``pdf/limits.py``).
        """
        content, from_cache = cached_pdf(self.digest, self.render, limit_key=limit_key)
        if not from_cache and self.prep_id is not None:
            remember_prep_document(self.prep_id, pdf_cache_key(self.digest))
        return content, from_cache


def pdf_source(kind_name: str, subject, *, reader=None, **options) -> PDFSource:
    """The PDF of ``subject`` as the document kind ``kind_name`` lays it out, for ``reader`` (the notes and
    the brief: what spans a series shows only the meetings she may open). Without a reader, the prep's owner
    reads it (the background renders, the owner's own downloads)."""
    kind = document_kind(kind_name)
    readers = {"reader": reader} if reader is not None else {}
    html = render_to_string(kind.template, kind.context(subject, **readers, **options))
    prep_id = subject.prep.pk if isinstance(subject, PrepContent | Brief) else None
    return PDFSource(kind.filename(subject, **options), html, kind.write_options, prep_id)


def prep_pdf_source(
    prep: MeetingPrep,
    *,
    include_examples: bool,
    include_extras: bool,
    include_comments: bool = False,
    reader=None,
) -> PDFSource:
    """The preparation notes: everything the director wrote."""
    return pdf_source(
        "notes",
        prep_with_content(prep),
        reader=reader,
        include_examples=include_examples,
        include_extras=include_extras,
        include_comments=include_comments,
    )


def blank_pdf_source(worksheet: Worksheet) -> PDFSource:
    return pdf_source("blank", worksheet)


def brief_pdf_source(prep: MeetingPrep, *, reader=None) -> PDFSource:
    """The meeting brief: what she hands out (its defaults when she has not edited it yet)."""
    return pdf_source("brief", brief_for_prep(prep_with_content(prep)), reader=reader)
