"""Word files kept in Django's cache, keyed like the PDFs: by what goes into them.

A .docx's bytes differ on every save (its zip entries carry the time), so they cannot name themselves, and
making one to hash it would cost what the cache saves. Each Word document is made from the same data as its
PDF, and that PDF's HTML holds all of it but the part of a long answer the PDF leaves out
(``documents.content.capped_answer``), which the Word file holds in full. So the key is a hash of the PDF's
digest (the HTML, the static files, WeasyPrint's version), the whole texts the PDF shortens
(``beyond_pdf``), python-docx's version and the source of the Word writers here. An edit anywhere in the
document gives a new key; the key is also the download's ETag.
"""

import hashlib
from collections.abc import Iterable
from functools import cache as memoize
from importlib.metadata import version
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

KEY_PREFIX = "docx"


@memoize
def _writers_fingerprint() -> str:
    digest = hashlib.sha256(version("python-docx").encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def docx_digest(pdf_digest: str, *, beyond_pdf: Iterable[str] = ()) -> str:
    """The key of a Word file made from the data of the PDF ``pdf_digest`` names, and of the texts it holds
    beyond that PDF's HTML."""
    digest = hashlib.sha256(f"{_writers_fingerprint()}:{pdf_digest}".encode())
    for text in beyond_pdf:
        digest.update(b"\0" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest())
    return digest.hexdigest()


def docx_cache_key(digest: str) -> str:
    return f"{KEY_PREFIX}:{digest}"


def cached_docx(digest: str, build) -> tuple[bytes, bool]:
    """The Word file stored under ``digest``, or ``build()``'s bytes, now stored; and whether cached."""
    key = docx_cache_key(digest)
    content = cache.get(key)
    if content is not None:
        return content, True
    content = build()
    cache.set(key, content, settings.PDF_CACHE_SECONDS)
    return content, False
