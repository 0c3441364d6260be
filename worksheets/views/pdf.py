"""PDF downloads: a user's meeting prep, and the blank worksheet for admins to preview."""

import logging
from functools import wraps
from urllib.parse import quote

from csp.decorators import csp_exempt
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from worksheets import pdf
from worksheets.markdown import ContentTooComplex
from worksheets.models import Worksheet
from worksheets.selectors import prep_for_owner

from .errors import refusal

SWITCHES = {"1": True, "0": False}
logger = logging.getLogger(__name__)


class BadSwitch(ValueError):
    pass


def switch(request, name: str) -> bool:
    """``?name=1`` or ``?name=0``; absent means 1.

    The last value wins, so a form's hidden "0" followed by a checked checkbox's "1" means 1.
    """
    value = request.GET.get(name, "1")
    if value not in SWITCHES:
        raise BadSwitch(f"“{name}” must be 1 (include) or 0 (leave out), not “{value[:20]}”.")
    return SWITCHES[value]


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """An ASCII ``filename`` every browser understands, plus the UTF-8 ``filename*`` when the name needs it.

    ``filename`` is already a slug (letters, digits, hyphens); slugifying again and quoting make sure nothing
    in it - a quote, a slash, CR/LF - can end the header parameter or start a new header.
    """
    stem, _, extension = filename.rpartition(".")
    ascii_name = f"{slugify(stem) or 'document'}.{slugify(extension) or 'pdf'}"
    header = f'{"inline" if inline else "attachment"}; filename="{ascii_name}"'
    if ascii_name != filename:
        header += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return header


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
    content, from_cache = source.cached_content()
    response = HttpResponse(content, content_type=pdf.PDF_CONTENT_TYPE, headers=headers)
    response["Content-Disposition"] = content_disposition(source.filename, inline=inline)
    response["X-PDF-Cache"] = "hit" if from_cache else "miss"
    return response


def refuse_too_complex(view):
    """Worksheet text too long or too deeply nested to lay out: a page that says so (422), not a stuck worker.

    The admin refuses such text on save; this catches what got in another way (a fixture, the shell).
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ContentTooComplex as error:
            logger.error("PDF refused: %s", error)
            return refusal(
                request,
                status=422,
                title="This PDF can’t be made right now",
                message=f"Part of the worksheet’s text is too long or too deeply nested to lay out: {error} "
                "An administrator needs to fix that text in the admin.",
            )

    return wrapper


# The PDF views send no Content-Security-Policy: it protects HTML pages, and a browser's PDF viewer is a
# plugin that "object-src 'none'" could block.
@login_required
@require_GET
@csp_exempt()
@refuse_too_complex
def prep_pdf(request, pk):
    prep = prep_for_owner(request.user, pk)
    try:
        include_examples, include_extras = switch(request, "examples"), switch(request, "extras")
    except BadSwitch as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    source = pdf.prep_pdf_source(prep, include_examples=include_examples, include_extras=include_extras)
    return pdf_response(request, source)


@staff_member_required
@require_GET
@csp_exempt()
@refuse_too_complex
def admin_worksheet_blank_pdf(request, pk):
    worksheet = get_object_or_404(Worksheet, pk=pk)
    return pdf_response(request, pdf.blank_pdf_source(worksheet), inline=True)
