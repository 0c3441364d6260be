"""PDFs kept in Django's cache under a hash of everything that goes into them.

The hash covers the HTML - the answers, the meeting details, the owner's name, what the options left in or
out, the worksheet's questions, examples, tips, FAQ and credit, and the templates that lay them out - and the
renderer's own inputs: WeasyPrint's version, the options it is called with, and every file under
``static/pdf/`` (the print CSS, the fonts: all the renderer may read). The pages' CSS and scripts are not in
it, so editing them leaves every cached PDF valid. Any edit gives a new hash, so nothing is ever invalidated
by hand and no server can serve a stale PDF, whichever cache it uses. The hash is also the download's ETag.

No WeasyPrint import here: a cache hit or a 304 never loads it.
"""

import hashlib
import json
import logging
import os
import time
from functools import cache as memoize
from importlib.metadata import version
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

# Bump when the renderer changes in a way neither the HTML nor the static files show (render.py, fetcher.py,
# fonts.py, tagging.py).
RENDERER_VERSION = 4
KEY_PREFIX = "pdf"
FAILED_PREFIX = "pdf-failed"
# A background render (documents/prerender.py) of a digest marks it here while it runs. A download of the same
# bytes waits for it at most PRERENDER_WAIT_SECONDS, then renders by itself: never longer on a job it does
# not control (a job can be slow, killed or lost).
PRERENDERING_PREFIX = "pdf-prerendering"
PRERENDER_WAIT_SECONDS = 1.5
WAIT_STEP = 0.05
logger = logging.getLogger(__name__)

# path -> (mtime_ns, size, sha256): a file is read again only when its stat changes.
_file_hashes: dict[str, tuple[int, int, str]] = {}


def pdf_digest(html: str, write_options: dict) -> str:
    """The hash naming the PDF WeasyPrint makes of ``html`` when called with ``write_options``."""
    renderer = f"{RENDERER_VERSION}:{weasyprint_version()}:{json.dumps(write_options, sort_keys=True)}"
    digest = hashlib.sha256(renderer.encode())
    digest.update(static_fingerprint().encode())
    digest.update(html.encode())
    return digest.hexdigest()


@memoize
def weasyprint_version() -> str:
    return version("weasyprint")  # from the package metadata: no import of WeasyPrint itself


def static_fingerprint(root: Path | None = None) -> str:
    """A hash of every file under ``static/pdf/`` (all the PDF's fetcher may read), re-read when changed."""
    root = root or Path(settings.PDF_STATIC_DIR)
    digest = hashlib.sha256()
    for directory, subdirectories, files in os.walk(root):
        subdirectories.sort()
        for name in sorted(files):
            path = os.path.join(directory, name)
            digest.update(f"{os.path.relpath(path, root)}\0{_file_hash(path)}\n".encode())
    return digest.hexdigest()


def _file_hash(path: str) -> str:
    stat = os.stat(path)
    known = _file_hashes.get(path)
    if known and known[:2] == (stat.st_mtime_ns, stat.st_size):
        return known[2]
    with open(path, "rb") as file:
        file_hash = hashlib.file_digest(file, "sha256").hexdigest()
    _file_hashes[path] = (stat.st_mtime_ns, stat.st_size, file_hash)
    return file_hash


def pdf_cache_key(digest: str) -> str:
    return f"{KEY_PREFIX}:{digest}"


def stored_pdf(digest: str) -> bytes | None:
    """The PDF the cache holds for ``digest``; ``RenderFailed`` if the cache remembers its render failed."""
    from .isolated import RenderFailed  # noqa: PLC0415

    content = cache.get(pdf_cache_key(digest))
    if content is None and (reason := cache.get(f"{FAILED_PREFIX}:{digest}")) is not None:
        raise RenderFailed(reason)
    return content


def cached_pdf(digest: str, render, *, limit_key: str | None = None) -> tuple[bytes, bool]:
    """The PDF stored under ``digest``, or ``render()``'s bytes, now stored; and whether they were cached.

    A render that failed (``RenderFailed``: out of time or memory) is remembered under the same digest, so a
    retry of the same content is refused at once instead of starting it again. With ``limit_key`` (the
    user's), a fresh render goes through the per-user and per-server limits (``limits.py``).
    """
    from .isolated import RenderFailed  # noqa: PLC0415 - no multiprocessing import for a cache hit

    key = pdf_cache_key(digest)
    content = cache.get(key)
    if content is not None:
        return content, True
    failed_key = f"{FAILED_PREFIX}:{digest}"
    reason = cache.get(failed_key)
    if reason is not None:
        logger.warning(
            "PDF render refused: failed before for this content (%s) digest=%s", reason, digest[:16]
        )
        raise RenderFailed(reason)
    if limit_key is not None:
        content = _prerendered(digest)
        if content is not None:
            return content, True
        from .limits import limited_render  # noqa: PLC0415

        unlimited = render

        def render():
            return limited_render(digest, unlimited, user_key=limit_key, cached=lambda: stored_pdf(digest))

    try:
        content = render()
    except RenderFailed as error:
        logger.error("PDF render failed: %s digest=%s", error.reason, digest[:16])
        cache.set(failed_key, error.reason, settings.PDF_FAILED_CACHE_SECONDS)
        raise
    cache.set(key, content, settings.PDF_CACHE_SECONDS)
    return content, False


def _prerendered(digest: str) -> bytes | None:
    """The bytes a background render of ``digest`` running now stores within PRERENDER_WAIT_SECONDS; None at
    once when none is running, and None after that wait (the caller renders by itself)."""
    marker = f"{PRERENDERING_PREFIX}:{digest}"
    if cache.get(marker) is None:
        return None
    deadline = time.monotonic() + PRERENDER_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(WAIT_STEP)
        content = cache.get(f"{KEY_PREFIX}:{digest}")
        if content is not None or cache.get(marker) is None:
            return content
    return None
