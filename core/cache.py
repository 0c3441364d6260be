"""Redis as Django's cache, without making Redis a single point of failure.

Everything the app keeps in Redis may be lost (PDFs are rendered again, sessions are in the database), so an
unreachable Redis must cost no request. ``ResilientRedisCache`` is Django's own Redis backend with one change:
a connection error or timeout is never raised. While Redis is unreachable (and for ``RETRY_SECONDS`` after
each failed try, so a dead server costs one connection attempt per process every few seconds, not one per
call), each call goes to a stand-in, chosen by the ``FALLBACK`` option:

- ``"local"`` (the default cache): an in-memory cache of this process (``LocMemCache``), so the throttles
  keep counting, the render slots keep holding and a PDF rendered twice in a row is served from memory;
- ``"miss"`` (the sessions' cache): every read is a miss and every write is dropped, so ``cached_db``
  sessions are read from and written to the database alone, never from a copy one process kept.

Deletes and writes that could not reach Redis become deletes sent once it answers, so a Redis that kept its
data through the outage gives back no session ended or changed meanwhile. The outage is logged once a minute
per process and cache, not per request.

Why not django-redis with ``IGNORE_EXCEPTIONS``: it makes every call answer ``None`` while Redis is down,
which reads as "taken" for ``add`` (every render slot, so every fresh PDF a 429) and breaks the throttles'
``incr`` count; and it covers neither the sessions' stale copies nor the RQ queue.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
LOG_EVERY_SECONDS = 60
UNSENT_DELETES_KEPT = 10_000
NOT_REACHED = object()


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS", {}))
        self.fallback = options.pop("FALLBACK", "local")
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        local_entries = options.pop("LOCAL_MAX_ENTRIES", 50)
        if self.fallback not in ("local", "miss"):
            raise ValueError(f"FALLBACK must be 'local' or 'miss', not {self.fallback!r}")
        super().__init__(server, {**params, "OPTIONS": options})
        self._local = LocMemCache(
            f"redis-fallback-{id(self)}", {**params, "OPTIONS": {"MAX_ENTRIES": local_entries}}
        )
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._logged_at = -LOG_EVERY_SECONDS
        self._unsent_deletes: set[tuple] = set()

    @property
    def unreachable(self) -> bool:
        """Whether Redis failed within the last ``RETRY_SECONDS`` (calls go to the stand-in meanwhile)."""
        return time.monotonic() < self._down_until

    def _redis(self, name: str, *args):
        """Redis's answer to ``name(*args)``, or NOT_REACHED."""
        if self.unreachable:
            return NOT_REACHED
        try:
            result = getattr(super(), name)(*args)
        except UNREACHABLE as error:
            self._failed(error)
            return NOT_REACHED
        if self._unsent_deletes:
            self._send_unsent_deletes()
        return result

    def _call(self, name: str, miss, *args):
        result = self._redis(name, *args)
        if result is not NOT_REACHED:
            return result
        if self.fallback == "local":
            return getattr(self._local, name)(*args)
        return miss

    def _failed(self, error: Exception) -> None:
        now = time.monotonic()
        with self._lock:
            self._down_until = now + self.retry_seconds
            if now - self._logged_at < LOG_EVERY_SECONDS:
                return
            self._logged_at = now
        logger.error(
            "Redis unreachable (%s): the cache answers from %s until it is back",
            error,
            "this process's memory" if self.fallback == "local" else "nowhere (every read a miss)",
        )

    def _keep_unsent(self, keys, version) -> None:
        with self._lock:
            room = UNSENT_DELETES_KEPT - len(self._unsent_deletes)
            self._unsent_deletes.update((key, version) for key in list(keys)[: max(room, 0)])

    def _send_unsent_deletes(self) -> None:
        with self._lock:
            unsent, self._unsent_deletes = self._unsent_deletes, set()
        for version in {version for _, version in unsent}:
            keys = [key for key, of in unsent if of == version]
            if self._redis("delete_many", keys, version) is NOT_REACHED:
                self._keep_unsent(keys, version)

    # Django's cache API, each call through _call (decr and get_or_set are built on these by BaseCache).

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self._redis("set", key, value, timeout, version) is NOT_REACHED:
            self._keep_unsent([key], version)  # Redis may still hold an older value: gone once it answers
            if self.fallback == "local":
                self._local.set(key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        result = self._redis("incr", key, delta, version)
        if result is not NOT_REACHED:
            return result
        if self.fallback == "local":
            return self._local.incr(key, delta, version)
        raise ValueError(f"Key '{key}' not found")  # what incr of a missing key raises

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        failed = self._redis("set_many", data, timeout, version)
        if failed is not NOT_REACHED:
            return failed
        self._keep_unsent(data, version)
        return self._local.set_many(data, timeout, version) if self.fallback == "local" else list(data)

    def delete(self, key, version=None):
        self._local.delete(key, version)
        deleted = self._redis("delete", key, version)
        if deleted is NOT_REACHED:  # delete it there once Redis answers
            self._keep_unsent([key], version)
            return False
        return deleted

    def delete_many(self, keys, version=None):
        keys = list(keys)
        self._local.delete_many(keys, version)
        if self._redis("delete_many", keys, version) is NOT_REACHED:
            self._keep_unsent(keys, version)

    def clear(self):
        self._local.clear()
        return self._call("clear", False)
