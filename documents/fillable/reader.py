"""Reading a filled PDF's form fields with pypdf: run only in a child process under limits (``guard.py``).

``read_fields(data, wanted=..., max_chars=...)`` returns JSON bytes, never raises: ``{"fields": {name:
text}}`` for the text fields of the AcroForm whose names ``wanted`` accepts, or ``{"error": <code>}`` with one
of ``ERRORS``. It walks the field tree itself with an explicit stack and a cap on fields and depth (a hostile
file can nest without end), reads only the fields' names and the wanted fields' values (no page content is
decoded), and bounds each value and their total: fields may share one stream, so 500 fields of one 200,000-
character stream in a 200 KB file were 100 million characters.
"""

import io
import json
from collections.abc import Callable

MAX_FIELDS = 2_000
MAX_TREE_DEPTH = 20
MAX_VALUE_CHARS = 200_000  # far above any field's limit; longer values are cut here and refused later
ERRORS = ("damaged", "encrypted", "no_fields", "nested", "bomb", "too_many_fields", "too_much_text")


def read_fields(data: bytes, *, wanted: Callable[[str], bool] = bool, max_chars: int | None = None) -> bytes:
    try:
        return json.dumps({"fields": _fields(data, wanted, max_chars)}).encode()
    except _Refused as refused:
        return json.dumps({"error": refused.code}).encode()
    except RecursionError:
        return json.dumps({"error": "nested"}).encode()
    except MemoryError:
        return json.dumps({"error": "bomb"}).encode()
    except Exception as error:  # noqa: BLE001 - any parser failure on hostile input is "damaged"
        return json.dumps({"error": _failure(error)}).encode()


def _failure(error: Exception) -> str:
    from pypdf.errors import LimitReachedError  # noqa: PLC0415

    if isinstance(error, LimitReachedError):
        return "bomb"
    # pypdf turns a RecursionError while parsing an object into a PdfReadError: look down the chain.
    cause: BaseException | None = error
    for _ in range(50):  # a bounded walk: a chain is short, and must not loop
        if cause is None:
            break
        if isinstance(cause, RecursionError) or "recursion" in str(cause).lower():
            return "nested"
        cause = cause.__cause__ or cause.__context__
    return "damaged"


class _Refused(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _fields(data: bytes, wanted: Callable[[str], bool], max_chars: int | None) -> dict[str, str]:
    from pypdf import PdfReader  # noqa: PLC0415 - only in the child
    from pypdf.generic import ArrayObject, DictionaryObject  # noqa: PLC0415

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise _Refused("encrypted")
    form = reader.trailer["/Root"].get_object().get("/AcroForm")
    form = form.get_object() if form is not None else None
    roots = form.get("/Fields") if isinstance(form, DictionaryObject) else None
    roots = roots.get_object() if roots is not None else None
    if not isinstance(roots, ArrayObject) or not roots:
        raise _Refused("no_fields")
    found: dict[str, str] = {}
    stack = [(item, "", 1) for item in reversed(roots)]
    seen = leaves = chars = 0
    while stack:
        item, parent_name, depth = stack.pop()
        seen += 1
        if seen > MAX_FIELDS:
            raise _Refused("too_many_fields")
        if depth > MAX_TREE_DEPTH:
            raise _Refused("nested")
        field = item.get_object()
        if not isinstance(field, DictionaryObject):
            continue
        partial = _text(field.get("/T"))
        name = f"{parent_name}.{partial}" if parent_name and partial else partial or parent_name
        kids = field.get("/Kids")
        kids = kids.get_object() if kids is not None else None
        if isinstance(kids, ArrayObject) and any("/T" in kid.get_object() for kid in kids):
            stack.extend((kid, name, depth + 1) for kid in reversed(kids))
            continue
        if not name:
            continue
        leaves += 1
        if name not in found and wanted(name):
            found[name] = _text(field.get("/V"))
            chars += len(found[name])
            if max_chars is not None and chars > max_chars:
                raise _Refused("too_much_text")
    if not leaves:
        raise _Refused("no_fields")
    return found


def _text(value) -> str:
    """A field's name or value as text: a PDF string (PDFDocEncoding or UTF-16), a name, or a text stream."""
    from pypdf.generic import NameObject, StreamObject, TextStringObject  # noqa: PLC0415

    if value is None:
        return ""
    value = value.get_object()
    if isinstance(value, StreamObject):
        value = value.get_data().decode("utf-8", "replace")
    elif isinstance(value, NameObject):
        value = str(value)[1:]
    elif isinstance(value, TextStringObject | str):
        value = str(value)
    elif isinstance(value, bytes):
        value = value.decode("latin-1")
    else:
        raise _Refused("damaged")
    return value[:MAX_VALUE_CHARS]
