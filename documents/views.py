"""Downloads: a user's meeting prep as preparation notes or meeting brief (PDF and Word), the meeting as a
calendar event, and the blank worksheet for admins to preview."""

import logging
from functools import wraps

from csp.decorators import csp_exempt
from csp.utils import build_policy
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_GET

from briefs.selectors import brief_for_prep
from core.http import BadSwitch, content_disposition, switch
from core.refusals import refusal
from preps.selectors import prep_for_reader, prep_with_content
from worksheets.markdown import ContentTooComplex
from worksheets.models import Worksheet

from . import sources as pdf
from .calendar import prep_ics
from .content import texts_beyond_pdf
from .docx.brief import brief_docx
from .docx.cache import cached_docx, docx_cache_key, docx_digest
from .docx.notes import DOCX_CONTENT_TYPE, notes_docx
from .pdf.isolated import RenderFailed
from .pdf.limits import RenderLimited
from .purge import remember_prep_document

logger = logging.getLogger(__name__)
PDF_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"


def pdf_response(request, source: pdf.PDFSource, *, inline: bool = False) -> HttpResponse:
    """The PDF, from the cache when unchanged; 304 when the browser already has these exact bytes.

    ``private``: someone's meeting notes, so no shared cache (proxy, CDN) may keep a copy. ``no-cache`` rather
    than ``no-store``: the browser may keep its copy but must ask before reusing it, so an edited answer is in
    the next download, and an unchanged PDF costs a 304 instead of the whole file.
    """
    headers = {"ETag": f'"{source.digest}"', "Cache-Control": "private, no-cache"}
    not_modified = get_conditional_response(request, etag=headers["ETag"])
    if not_modified is not None:
        for name, value in headers.items():
            not_modified[name] = value
        return not_modified
    content, from_cache = source.cached_content(limit_key=render_limit_key(request.user))
    response = HttpResponse(content, content_type=pdf.PDF_CONTENT_TYPE, headers=headers)
    response["Content-Disposition"] = content_disposition(source.filename, inline=inline)
    response["X-PDF-Cache"] = "hit" if from_cache else "miss"
    response["Content-Security-Policy"] = PDF_CSP
    return response


def render_limit_key(user) -> str:
    """Whose renders these are: the account (its id and when it was made, so a reused id is a new key)."""
    joined = user.date_joined.timestamp() if getattr(user, "date_joined", None) else 0
    return f"user-{user.pk}-{joined:.6f}"


def refuse_too_complex(view):
    """Worksheet text too long or too deeply nested to lay out: a page that says so (422), not a stuck worker.

    The admin refuses such text on save; this catches what got in another way (a fixture, the shell).
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = _refusing_too_complex(view, request, *args, **kwargs)
        if response.get("Content-Type", "").startswith("text/html"):
            # The view is exempt from the pages' CSP (for the PDF viewer); its HTML refusals still get it.
            response["Content-Security-Policy"] = build_policy()
        return response

    return wrapper


def _refusing_too_complex(view, request, *args, **kwargs):
    try:
        return view(request, *args, **kwargs)
    except RenderLimited as error:
        response = refusal(
            request,
            status=429,
            title="Too many PDFs at once",
            message="Making a new PDF is limited, and this one has to wait: try again in "
            f"{error.retry_after} seconds. PDFs you downloaded before and did not change since come at once.",
        )
        response["Retry-After"] = str(error.retry_after)
        return response
    except RenderFailed:
        # Logged (with the reason) and remembered for this content by the cache (pdf/cache.py).
        return refusal(
            request,
            status=422,
            title="This PDF can’t be made",
            message="Laying out this document took longer or more memory than one PDF may take, so it "
            "was stopped. Nothing was lost: your answers are all kept on the fill page. Shorten the "
            "longest answer (or split it across questions) and download again.",
        )
    except ContentTooComplex as error:
        logger.error("PDF refused: %s", error)
        return refusal(
            request,
            status=422,
            title="This PDF can’t be made right now",
            message=f"Part of the worksheet’s text is too long or too deeply nested to lay out: {error} "
            "An administrator needs to fix that text in the admin.",
        )


# The PDF views send their own Content-Security-Policy (PDF_CSP), not the pages': nothing at all may load from
# a PDF (default-src 'none'; Chromium's viewer shows it, checked with a served PDF), and it may not be framed.
@login_required
@require_GET
@csp_exempt()
@refuse_too_complex
def prep_pdf(request, pk):
    prep = prep_for_reader(request.user, pk)
    try:
        include_examples, include_extras = switch(request, "examples"), switch(request, "extras")
        include_comments = switch(request, "comments", default="0")
    except BadSwitch as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    source = pdf.prep_pdf_source(
        prep,
        reader=request.user,
        include_examples=include_examples,
        include_extras=include_extras,
        include_comments=include_comments,
    )
    return pdf_response(request, source)


def docx_response(request, source: pdf.PDFSource, build, *, beyond_pdf: tuple[str, ...] = ()) -> HttpResponse:
    """The Word file made by ``build()``, from the cache when its content is unchanged (its PDF's, and the
    ``beyond_pdf`` texts it holds whole where the PDF shortens them); 304 when the browser already has it.
    The same caching headers as the PDF (``pdf_response``)."""
    digest = docx_digest(source.digest, beyond_pdf=beyond_pdf)
    headers = {"ETag": f'"{digest}"', "Cache-Control": "private, no-cache"}
    not_modified = get_conditional_response(request, etag=headers["ETag"])
    if not_modified is not None:
        for name, value in headers.items():
            not_modified[name] = value
        return not_modified
    content, from_cache = cached_docx(digest, build)
    if not from_cache and source.prep_id is not None:
        remember_prep_document(source.prep_id, docx_cache_key(digest))
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE, headers=headers)
    response["Content-Disposition"] = content_disposition(source.filename.removesuffix(".pdf") + ".docx")
    response["X-Docx-Cache"] = "hit" if from_cache else "miss"
    return response


@login_required
@require_GET
@refuse_too_complex
def prep_docx(request, pk):
    """The preparation notes as Word: the same answers, for pasting into a memo."""
    prep = prep_for_reader(request.user, pk)
    try:
        options = {
            "include_examples": switch(request, "examples"),
            "include_extras": switch(request, "extras"),
            "include_comments": switch(request, "comments", default="0"),
        }
    except BadSwitch as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    content = prep_with_content(prep)
    source = pdf.pdf_source("notes", content, reader=request.user, **options)

    def build() -> bytes:
        return notes_docx(content, reader=request.user, **options).content

    return docx_response(request, source, build, beyond_pdf=tuple(texts_beyond_pdf(content)))


@login_required
@require_GET
@csp_exempt()
@refuse_too_complex
def prep_brief_pdf(request, pk):
    """The meeting brief, to hand out: its defaults until she edits it on the brief page."""
    prep = prep_for_reader(request.user, pk)
    return pdf_response(request, pdf.brief_pdf_source(prep, reader=request.user))


@login_required
@require_GET
@refuse_too_complex
def prep_brief_docx(request, pk):
    brief = brief_for_prep(prep_with_content(prep_for_reader(request.user, pk)))
    source = pdf.pdf_source("brief", brief, reader=request.user)
    return docx_response(request, source, lambda: brief_docx(brief, reader=request.user).content)


@staff_member_required
@require_GET
@csp_exempt()
@refuse_too_complex
def admin_worksheet_blank_pdf(request, pk):
    # The same permission as the worksheet's admin page: staff without it are refused there and here.
    if not any(request.user.has_perm(f"worksheets.{action}_worksheet") for action in ("view", "change")):
        return refusal(
            request,
            status=403,
            title="Not allowed",
            message="Your staff account has no permission to view worksheets, so it cannot preview this PDF.",
        )
    worksheet = get_object_or_404(Worksheet, pk=pk)
    return pdf_response(request, pdf.blank_pdf_source(worksheet), inline=True)


@login_required
@require_GET
def prep_ics_download(request, pk):
    # The brief's start time is a wall-clock time where the work group meets (its time zone), for everyone.
    prep = prep_for_reader(request.user, pk)
    filename, body = prep_ics(prep)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition(filename)
    response["Cache-Control"] = "private, no-store"
    return response
