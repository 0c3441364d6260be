"""Word files kept in Django's cache, keyed like the PDFs: by what goes into them.

A .docx's bytes differ on every save (its zip entries carry the time), so they cannot name themselves. Each
Word document is made from the same data as its PDF, and that PDF's HTML holds all of it; so the key is a
hash of the PDF's digest (the HTML, the static files, WeasyPrint's version), python-docx's version and the
source of the Word writers here. An edit anywhere gives a new key; the key is also the download's ETag.
"""

import hashlib
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


def docx_digest(pdf_digest: str) -> str:
    return hashlib.sha256(f"{_writers_fingerprint()}:{pdf_digest}".encode()).hexdigest()


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
