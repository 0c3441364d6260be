"""Request bodies limited before they are read: a 413 with a message, never a 100 MB file part read whole.

Django's DATA_UPLOAD_MAX_MEMORY_SIZE covers form fields only; file parts of a multipart body are streamed to
memory or a temporary file whatever their size. ``request_body_limit`` refuses any body whose declared
``Content-Length`` is over REQUEST_BODY_MAX_BYTES before a byte of it is read (a body without a length is
never read by Django: ``wsgi.input`` is limited to ``CONTENT_LENGTH``, 0 when absent), and
``BoundedUploadHandler`` (first in FILE_UPLOAD_HANDLERS) stops a multipart body whose file parts together go
over FILE_UPLOAD_MAX_BYTES while it is parsed, for a view that accepts a larger body.
"""

import logging

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from .refusals import refusal

logger = logging.getLogger(__name__)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def too_large(request, limit: int):
    return refusal(
        request,
        status=413,
        title="Too large to send",
        message=f"This is too large to send (the limit is {_megabytes(limit)}), so nothing was saved. "
        "Shorten the text and send it again.",
    )


def request_body_limit(get_response):
    def middleware(request):
        limit = settings.REQUEST_BODY_MAX_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads nothing of a body with an unreadable length
        if length > limit:
            logger.warning(
                "refused: body of %d bytes over the %d-byte limit path=%s", length, limit, request.path
            )
            return too_large(request, limit)
        return get_response(request)

    return middleware


class BoundedUploadHandler(FileUploadHandler):
    """Counts the bytes of every file part as it arrives; past FILE_UPLOAD_MAX_BYTES the upload stops."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received = getattr(self, "received", 0) + len(raw_data)
        if self.received > settings.FILE_UPLOAD_MAX_BYTES:
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None
