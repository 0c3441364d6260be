"""Fresh renders are limited per user and per server, and identical requests share one render.

Only a fresh render counts (a cached PDF or a 304 costs nothing). Before one starts:

- **One render of the same bytes at a time.** The first request for a digest takes a lock in the cache; a
  second request for the same digest waits for the first one's PDF (or its failure) instead of rendering
  again, up to PDF_RENDER_WALL_SECONDS.
- **Concurrency.** At most PDF_RENDERS_AT_ONCE_PER_USER renders for one user and PDF_RENDERS_AT_ONCE_SERVER
  for the whole site (every server sharing the cache) run at once: slots in the cache that expire by
  themselves after the render's wall-clock limit, so a killed worker cannot hold one for ever.
- **Rate.** At most PDF_RENDER_RATE_PER_USER and PDF_RENDER_RATE_SERVER fresh renders per minute.

Past a limit, ``RenderLimited`` says how long to wait; the view answers 429 with ``Retry-After`` and a page
that says the same.
"""

import logging
import math
import time
from collections.abc import Callable
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache

from core.throttles import Throttle

logger = logging.getLogger(__name__)
WAIT_STEP = 0.1
# A request rendering a digest holds this lock; a background job (documents/prerender.py) defers to it.
RENDERING_PREFIX = "pdf-rendering"


class RenderLimited(Exception):
    def __init__(self, reason: str, retry_after: int):
        super().__init__(reason)
        self.reason, self.retry_after = reason, max(1, int(retry_after))


def _wall() -> int:
    return math.ceil(float(settings.PDF_RENDER_WALL_SECONDS)) + 5


@contextmanager
def _slot(scope: str, size: int):
    """One of ``size`` slots named ``scope``, or RenderLimited."""
    for index in range(size):
        key = f"pdf-slot:{scope}:{index}"
        if cache.add(key, 1, timeout=_wall()):
            try:
                yield
            finally:
                cache.delete(key)
            return
    raise RenderLimited(f"{size} renders already running ({scope})", retry_after=5)


def prerender_slot():
    """One of PDF_PRERENDER_WORKERS slots for background renders (``documents/prerender.py``), shared by every
    server on the cache; RenderLimited when all are taken. Requests' renders have their own slots above."""
    return _slot("prerender", settings.PDF_PRERENDER_WORKERS)


def _rate(scope: str, key: str, per_minute: int) -> None:
    throttle = Throttle(f"pdf-rate-{scope}", per_minute, timedelta(minutes=1))
    if not throttle.hit(key):
        raise RenderLimited(
            f"over {per_minute} renders a minute ({scope})", throttle.retry_after().total_seconds()
        )


def limited_render(digest: str, render: Callable[[], bytes], *, user_key: str, cached: Callable[[], object]):
    """``render()`` under the limits; or the bytes another request rendered for the same digest meanwhile.

    ``cached()`` reads what the cache holds for this digest now (the bytes, or None).
    """
    lock = f"{RENDERING_PREFIX}:{digest}"
    if not cache.add(lock, 1, timeout=_wall()):
        deadline = time.monotonic() + _wall()
        while time.monotonic() < deadline:
            time.sleep(WAIT_STEP)
            content = cached()
            if content is not None:
                return content
            if cache.get(lock) is None:
                break  # the other render ended without a PDF: its failure is in the cache, or try ourselves
        content = cached()
        if content is not None:
            return content
        if not cache.add(lock, 1, timeout=_wall()):
            raise RenderLimited("the same PDF is still being made", retry_after=5)
    try:
        _rate("user", user_key, settings.PDF_RENDER_RATE_PER_USER)
        _rate("server", "all", settings.PDF_RENDER_RATE_SERVER)
        with _slot(f"user:{user_key}", settings.PDF_RENDERS_AT_ONCE_PER_USER):
            with _slot("server", settings.PDF_RENDERS_AT_ONCE_SERVER):
                return render()
    except RenderLimited as error:
        logger.warning("refused: PDF render limited: %s user=%s", error.reason, user_key)
        raise
    finally:
        cache.delete(lock)
