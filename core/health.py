"""What a load balancer, an orchestrator or a monitor asks: is this process alive, and can it serve now?

- ``GET /healthz``: 200 as long as the process answers requests. It touches nothing (no database, no
  cache), so a database outage never gets a healthy process restarted.
- ``GET /readyz``: 200 when the database, the cache and, with ``REDIS_URL``, the queue answer; else 503 with
  the names of what failed (``{"status": "unavailable", "failed": ["cache", "queue"]}``): no address, no
  error text, nothing a stranger could use.

``probes`` is the outermost middleware: it answers these two paths before any other middleware runs, so no
HTTPS redirect, host check, throttle, session or log line applies to them (a probe from the load balancer
speaks plain HTTP to the server's own address, every few seconds). Both answer ``Cache-Control: no-store``,
and Django's own "Service Unavailable" log line is suppressed: an outage is logged where it happens
(``core.cache``, the database's errors), not once per probe.
"""

from collections.abc import Callable
from functools import cache as memoize

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from redis.exceptions import RedisError

from .cache import ResilientRedisCache


def _database_answers() -> bool:
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        connection.close()  # the next request (or probe) opens a fresh one
        return False


def _cache_answers() -> bool:
    cache = caches["default"]
    if isinstance(cache, ResilientRedisCache):
        # Its calls never fail (they fall back to this process's memory while Redis is down), so ask Redis
        # itself, through the cache's own client and timeouts.
        try:
            return bool(cache._cache.get_client(write=True).ping())
        except RedisError:
            return False
    cache.set("readyz", "ok", 10)
    return cache.get("readyz") == "ok"


@memoize
def _queue_connection(url: str):
    """One Redis connection pool per process for the probe (the queues' URL carries their timeouts)."""
    import django_rq  # noqa: PLC0415 - only with REDIS_URL

    return django_rq.get_connection(settings.PDF_PRERENDER_QUEUE)


def _queue_answers() -> bool:
    try:
        return bool(_queue_connection(settings.RQ_REDIS_URL).ping())
    except RedisError:
        return False


def readiness() -> list[str]:
    """The names of what this process needs and cannot reach now; empty when it can serve."""
    checks: dict[str, Callable[[], bool]] = {"database": _database_answers, "cache": _cache_answers}
    if settings.REDIS_URL:
        checks["queue"] = _queue_answers
    return [name for name, answers in checks.items() if not answers()]


def _probe_response(payload: dict, *, status: int = 200) -> HttpResponse:
    response = JsonResponse(payload, status=status)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response._has_been_logged = True  # no "Service Unavailable: /readyz" error line per probe
    return response


def healthz(request: HttpRequest) -> HttpResponse:
    return _probe_response({"status": "ok"})


def readyz(request: HttpRequest) -> HttpResponse:
    failed = readiness()
    if failed:
        return _probe_response({"status": "unavailable", "failed": failed}, status=503)
    return _probe_response({"status": "ok"})


PROBES = {"/healthz": healthz, "/readyz": readyz}


def probes(get_response):
    def middleware(request: HttpRequest) -> HttpResponse:
        probe = PROBES.get(request.path_info)
        if probe is None:
            return get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = _probe_response({"status": "method not allowed"}, status=405)
            response["Allow"] = "GET, HEAD"
            return response
        return probe(request)

    return middleware
