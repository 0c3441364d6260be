"""Refusals said plainly: a page for people, JSON for the autosave script (it sends ``X-Requested-With``).

``bad_request`` is the project's ``handler400``: Django sends malformed and oversized requests there
(``SuspiciousOperation``), including the ones the CSRF check stumbles on before any view runs.
"""

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)


def wants_json(request) -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def json_refusal(message: str, *, status: int) -> JsonResponse:
    """What the autosave script shows under the box: "Not saved — <message>"."""
    return JsonResponse({"status": "invalid", "message": message}, status=status)


def refusal(request, *, status: int, title: str, message: str):
    if wants_json(request):
        return json_refusal(message, status=status)
    return render(request, "400.html", {"title": title, "message": message}, status=status)


def csrf_failure(request, reason=""):
    """A refused form (an old page, a blocked cookie), said plainly; the autosave script gets JSON to show."""
    if wants_json(request):
        message = "This page is out of date or you were signed out. Reload the page; your text is kept here."
        return json_refusal(message, status=403)
    return render(request, "403_csrf.html", status=403)


def bad_request(request, exception=None):
    """The 400 page; if even that fails (a body nothing can decode), a plain-text 400, never a 500."""
    try:
        return _bad_request(request, exception)
    except Exception:  # the error page must not fail
        logger.warning("400 page failed; plain 400 sent path=%s", request.path, exc_info=True)
        return HttpResponseBadRequest(
            "This request could not be understood. Nothing was changed. Go back, reload the page, try again.",
            content_type="text/plain; charset=utf-8",
        )


@requires_csrf_token
def _bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        limit = f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_000_000:.1f} MB"
        return refusal(
            request,
            status=413,
            title="Too large to send",
            message=f"This is too large to send (the limit is {limit}), so nothing was saved. "
            "Shorten the text and send it again.",
        )
    if isinstance(exception, TooManyFieldsSent):
        return refusal(
            request,
            status=400,
            title="Too many fields",
            message="The form sent has far more fields than any page here has, so nothing was saved.",
        )
    return refusal(
        request,
        status=400,
        title="This request could not be understood",
        message="Nothing was changed. Go back, reload the page and try again.",
    )


def permission_denied(request, exception=None):
    """The project's ``handler403``: the reason the access check gave (``preps.selectors``), as a page or, for
    the page's scripts, JSON they show under the box ("Not saved — ...")."""
    message = str(exception) if exception is not None and str(exception) else ""
    message = message or "This action is not allowed for your account. Your saved work is safe."
    return refusal(request, status=403, title="You can’t do that here", message=message)
