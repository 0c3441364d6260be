"""The one guarded path for an uploaded file (issue 13 point 4, issue 16 point 3): a filled fillable PDF.

In order, each refusal an ``UploadRefused`` with a status and a message, and nothing read further:

1. Size, before the file is parsed: a body declared over REQUEST_BODY_MAX_BYTES is refused by
   ``core.limits.request_body_limit`` before a byte is read; file parts stop streaming past
   FILE_UPLOAD_MAX_BYTES (``core.limits.BoundedUploadHandler``); either way a 413 here.
2. Type, by content: a PDF starts with ``%PDF-`` within its first 1,024 bytes (ISO 32000-1, 7.5.2), whatever
   the file's name or declared type says; anything else is a 415.
3. Parsing in a forked child under the PDF renders' CPU, memory and wall-clock limits
   (``documents/pdf/isolated.py``) and their per-user and per-server rate and concurrency limits
   (``documents/pdf/limits.py``), so a compression bomb or a deeply nested file ends the child, never the
   worker. pypdf's own caps (75 MB out of one stream) stop most bombs first.
4. What the file holds: encrypted, damaged, no fields, nested too deep, a bomb, more than IMPORT_MAX_CHARS
   characters in its prepmeet fields (only those are read); no prepmeet reference, or one for another prep
   or account: each a 422 with what to do.

The uploaded bytes live only in this request (Django's memory or temporary file, gone at its end).
"""

import hashlib
import json
from dataclasses import dataclass

from django.conf import settings

from preps.models import MeetingPrep

from ..pdf.isolated import RenderFailed, render_isolated
from ..pdf.limits import limited_render
from .fields import REFERENCE_PREFIX, is_prepmeet_field, read_reference
from .reader import read_fields

PDF_MAGIC = b"%PDF-"
MAGIC_WITHIN = 1024
AGAIN = "Download the fillable PDF from this meeting’s page, fill it, save it and import that file."
MESSAGES = {
    "damaged": "This PDF is damaged and its fields could not be read. Nothing was changed. Save it again "
    "from your PDF viewer (File › Save As) and import the saved copy.",
    "encrypted": "This PDF is protected with a password or encryption, so its fields cannot be read. "
    "Nothing was changed. Save a copy without security and import that.",
    "no_fields": "This PDF has no form fields, so there is nothing to import (the notes and the brief are "
    "not fillable). Nothing was changed. " + AGAIN,
    "nested": "This PDF’s structure is nested too deeply to read safely. Nothing was changed. " + AGAIN,
    "bomb": "This PDF holds far more data than a meeting prep’s fillable PDF can (a compressed stream that "
    "expands without end), so it was not read. Nothing was changed. " + AGAIN,
    "too_many_fields": "This PDF has far more form fields than a meeting prep has. Nothing was changed. "
    + AGAIN,
    "limits": "Reading this PDF took longer or more memory than one upload may take, so it was stopped. "
    "Nothing was changed. " + AGAIN,
    "not_ours": "This PDF was not made by prepmeet’s fillable download, so its fields cannot be matched to "
    "your answers. Nothing was changed. " + AGAIN,
    "other_prep": "This PDF belongs to another of your meeting preps, not this one. Nothing was changed. "
    "Open that meeting prep and import it there, or download this meeting prep’s fillable PDF.",
    "other_account": "This PDF was made for another prepmeet account, so it cannot be imported here. "
    "Nothing was changed. " + AGAIN,
}


class UploadRefused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


@dataclass(frozen=True)
class FilledFields:
    """The text fields of a filled fillable PDF of this prep, by name (its reference field left out)."""

    values: dict[str, str]


def upload_limit() -> int:
    return min(int(settings.FILE_UPLOAD_MAX_BYTES), int(settings.REQUEST_BODY_MAX_BYTES))


def too_large_message() -> str:
    return (
        f"This file is larger than the {upload_limit() / 1_000_000:.1f} MB an import may be, so it was not "
        "read. Nothing was changed. A filled fillable PDF is far smaller: import the file you saved from it."
    )


def too_much_text_message() -> str:
    return (
        f"This PDF’s fields hold more text than one import may bring ({settings.IMPORT_MAX_CHARS:,} "
        "characters in all), far more than a meeting prep holds, so it was not read. Nothing was changed. "
        + AGAIN
    )


def stopped_upload(request) -> bool:
    """Whether the upload handler stopped a file part past FILE_UPLOAD_MAX_BYTES (``core.limits``)."""
    return any(
        getattr(handler, "received", 0) > settings.FILE_UPLOAD_MAX_BYTES
        for handler in request.upload_handlers
    )


def guarded_upload(request, *, field: str = "file") -> bytes:
    """The bytes of the uploaded file, within the size limit and starting as a PDF does; or UploadRefused."""
    upload = request.FILES.get(field)
    if stopped_upload(request) or (upload is not None and upload.size > upload_limit()):
        raise UploadRefused(413, too_large_message())
    if upload is None:
        raise UploadRefused(400, "Choose the filled PDF to import. Nothing was changed.")
    if PDF_MAGIC not in upload.read(MAGIC_WITHIN):
        raise UploadRefused(415, "This file is not a PDF. Nothing was changed. " + AGAIN)
    upload.seek(0)
    return upload.read(upload_limit() + 1)


def filled_fields(data: bytes, *, prep: MeetingPrep, limit_key: str) -> FilledFields:
    """The fields of ``data``, parsed in a bounded child, checked to be this prep's; or UploadRefused."""
    digest = "import-" + hashlib.sha256(data).hexdigest()
    try:
        result = json.loads(
            limited_render(
                digest,
                lambda: render_isolated(
                    lambda: read_fields(data, wanted=is_prepmeet_field, max_chars=settings.IMPORT_MAX_CHARS)
                ),
                user_key=limit_key,
                cached=lambda: None,
            )
        )
    except RenderFailed:
        raise UploadRefused(422, MESSAGES["limits"]) from None
    if result.get("error") == "too_much_text":
        raise UploadRefused(422, too_much_text_message())
    if "error" in result:
        raise UploadRefused(422, MESSAGES.get(result["error"], MESSAGES["damaged"]))
    values = {str(name): str(value) for name, value in result["fields"].items()}
    references = [read_reference(name) for name in values if name.startswith(REFERENCE_PREFIX)]
    reference = next((found for found in references if found is not None), None)
    if reference is None:
        raise UploadRefused(422, MESSAGES["not_ours"])
    if reference.owner_id != prep.owner_id:
        raise UploadRefused(422, MESSAGES["other_account"])
    if reference.prep_id != prep.pk:
        raise UploadRefused(422, MESSAGES["other_prep"])
    return FilledFields(
        {name: value for name, value in values.items() if not name.startswith(REFERENCE_PREFIX)}
    )
