"""Requests no page of ours would send get a clear refusal before any view sees them."""

from urllib.parse import unquote_to_bytes

from .refusals import refusal

FORM_ENCODED = "application/x-www-form-urlencoded"
FORMS = (FORM_ENCODED, "multipart/form-data")


def clear_request_errors(get_response):
    def middleware(request):
        charset = request.content_params.get("charset", "utf-8") if request.content_type in FORMS else "utf-8"
        if charset.strip().lower().replace("_", "-") not in ("utf-8", "utf8"):
            # Every page of ours sends UTF-8; Django would fail on some other charsets (an unknown one raises
            # LookupError, in the 400 page's own CSRF check too): refuse before anything reads the body.
            return refusal(
                request,
                status=400,
                title="Unreadable text",
                message=f"The form was sent in the character set “{charset[:40]}”, not UTF-8, so nothing was "
                "saved. Reload the page, try again.",
            )
        if request.content_type == FORM_ENCODED and not _is_utf8_form(request):
            return refusal(
                request,
                status=400,
                title="Unreadable text",
                message="The text sent is not valid UTF-8, so nothing was saved. Reload the page, try again.",
            )
        response = get_response(request)
        if response.status_code == 405 and not response.content:
            # require_POST & co. answer with an empty body; say what happened, keep the Allow header.
            allowed = response.get("Allow", "")
            response = refusal(
                request,
                status=405,
                title="Not allowed here",
                message=f"This address does not accept {request.method} requests (only {allowed}).",
            )
            response["Allow"] = allowed
        return response

    return middleware


def _is_utf8_form(request) -> bool:
    """Django decodes form fields leniently (bad bytes become U+FFFD); refuse them instead of storing that."""
    if (request.encoding or "utf-8").lower().replace("_", "-") not in ("utf-8", "utf8"):
        return True  # a declared other charset is Django's to decode
    try:
        unquote_to_bytes(request.body.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
