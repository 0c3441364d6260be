"""How often someone asks: a small throttle on Django's cache, for any app (e-mails, PDFs, invitations).

django-axes throttles logins; everything else that counts requests uses ``Throttle``.
"""

import hashlib
import time
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache


@dataclass(frozen=True)
class Throttle:
    """At most ``limit`` hits per ``window`` for each key, counted in the cache (any backend).

    Fixed windows: a key's count starts again at the next window, so a block lifts by itself. With several
    server processes the cache must be shared (Redis, the database) for the count to be one count.
    """

    scope: str
    limit: int
    window: timedelta

    def hit(self, key: str) -> bool:
        """Count one hit for ``key``; False once the key is over its limit in this window."""
        seconds = int(self.window.total_seconds())
        window_index = int(time.time()) // seconds
        digest = hashlib.sha256(key.encode()).hexdigest()[:32]  # any text makes a valid, fixed-size key
        cache_key = f"throttle:{self.scope}:{window_index}:{digest}"
        cache.add(cache_key, 0, timeout=seconds)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, timeout=seconds)
            count = 1
        return count <= self.limit

    def retry_after(self) -> timedelta:
        seconds = int(self.window.total_seconds())
        return timedelta(seconds=seconds - int(time.time()) % seconds)
