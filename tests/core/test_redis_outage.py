"""The Redis cache while Redis is unreachable (core/cache.py): no error reaches the caller, the default cache
counts in this process's memory, the sessions' cache misses (sessions come from the database), the outage is
logged once a minute, and a delete made during the outage reaches Redis once it answers again.

The end-to-end version, with gunicorn and a Redis stopped and started: tests/security/test_outages.py."""

import logging
import time
from datetime import timedelta
from importlib import import_module

import pytest
from django.core.cache import caches

from core.throttles import Throttle
from testsupport.outages import RedisServer, refusing_port


def redis_cache(settings, url: str, **options) -> None:
    settings.CACHES = {
        alias: {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"test-{time.monotonic_ns()}",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 0.5, "FALLBACK": fallback, **options},
        }
        for alias, fallback in (("default", "local"), ("sessions", "miss"))
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.SESSION_CACHE_ALIAS = "sessions"


@pytest.fixture
def redis_down(settings):
    """The cache configured for a Redis that is not there (nothing listens on the port, held by this test)."""
    with refusing_port() as port:
        redis_cache(settings, f"redis://127.0.0.1:{port}/0")
        yield


def test_throttles_keep_counting_in_the_process(redis_down):
    throttle = Throttle("outage", 3, timedelta(hours=1))
    assert [throttle.hit("198.51.100.7") for _ in range(4)] == [True, True, True, False]


def test_the_default_cache_answers_from_memory(redis_down):
    cache = caches["default"]
    assert cache.add("slot", 1) is True and cache.add("slot", 1) is False
    cache.set("pdf", b"%PDF")
    assert cache.get("pdf") == b"%PDF"
    cache.delete_many(["pdf"])
    assert cache.get("pdf") is None


@pytest.mark.django_db
def test_sessions_come_from_the_database(redis_down):
    store_class = import_module("django.contrib.sessions.backends.cached_db").SessionStore
    session = store_class()
    session["who"] = "Olivia"
    session.save()
    assert store_class(session.session_key)["who"] == "Olivia"
    assert caches["sessions"].get(store_class.cache_key_prefix + session.session_key) is None
    store_class().delete(session.session_key)
    assert not store_class().exists(session.session_key)


def test_the_outage_is_logged_once_a_minute(redis_down, caplog, settings):
    caplog.set_level(logging.ERROR, logger="core.cache")
    settings.CACHES["default"]["OPTIONS"]["RETRY_SECONDS"] = 0  # every call tries Redis again
    cache = caches["default"]
    for n in range(20):
        cache.set(f"key-{n}", n)
    assert [record.getMessage()[:17] for record in caplog.records] == ["Redis unreachable"]


def test_a_delete_during_an_outage_reaches_redis_once_it_answers(settings):
    with RedisServer() as server:
        redis_cache(settings, server.url, RETRY_SECONDS=0)
        cache = caches["sessions"]
        cache.set("session", "signed in")
        cache.set("changed", "time zone: America/New_York")
        server.freeze()  # keeps its data, answers nothing
        assert cache.get("session") is None  # a miss, not an error
        cache.delete("session")  # a logout during the outage
        cache.set("changed", "time zone: Europe/Paris")  # a session changed during the outage
        server.thaw()
        assert cache.get("other") is None  # answers again: the deletes are sent first
        assert server.client().keys("*session*") == [] and server.client().keys("*changed*") == []
