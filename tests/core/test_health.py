"""/healthz and /readyz (core/health.py).

In the process: what they answer, that /healthz makes no query, that production's HTTPS redirect and host
check leave them alone. With real outages: a gunicorn server (``testsupport/servers.py``) on a PostgreSQL and
a Redis of the test's own (``testsupport/outages.py``), each stopped and started again under it.
"""

import json

import pytest
from django.urls import reverse

from testsupport import outages, servers
from testsupport.outages import PostgresCluster, RedisServer, wait_for
from testsupport.servers import AppServer, Browser, production_env


def test_healthz_answers_without_touching_the_database(client):
    # No django_db mark: pytest-django makes any database access here raise.
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_answers_ok_when_the_database_and_cache_answer(client):
    response = client.get("/readyz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_production_redirects_and_host_checks_leave_the_probes_alone(client, settings):
    """A load balancer probes each server over plain HTTP at its own address, not the site's name."""
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["prep.example.org"]
    assert client.get("/accounts/login/", HTTP_HOST="prep.example.org").status_code == 301  # the rest: https
    for path in ("/healthz", "/readyz"):
        response = client.get(path, HTTP_HOST="10.0.3.7:8000")
        assert response.status_code == 200, path
        assert "Set-Cookie" not in response and "Location" not in response


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_only_get_and_head_are_answered(client, path, django_db_blocker):
    with django_db_blocker.unblock():  # /readyz reads the database
        assert client.head(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"


def test_a_lookalike_path_is_not_a_probe(client):
    assert client.get("/healthz/").status_code == 404


def probe(server: AppServer, path: str) -> tuple[int, dict]:
    status, headers, body = Browser().request(server.base_url + path, timeout=30)
    assert headers["Cache-Control"] == "no-store"
    return status, json.loads(body)


@pytest.fixture
def outage_server(tmp_path, monkeypatch):
    """gunicorn on its own PostgreSQL (kept connections) and Redis, both running; nothing migrated: the
    probes need no table."""
    monkeypatch.setattr(servers, "free_port", outages.free_port_in_range)
    with PostgresCluster() as postgres, RedisServer() as redis:
        env = production_env(database_url=postgres.url, static_root=tmp_path, redis_url=redis.url)
        env.update(CONN_MAX_AGE="60", LOG_LEVEL="INFO")
        log = tmp_path / "gunicorn.log"
        with AppServer(env, log=log) as server:
            server.wait_until_ready("/healthz")
            yield server, postgres, redis, log


def test_readyz_names_what_is_down_and_healthz_stays_up(outage_server):
    server, postgres, redis, log = outage_server
    assert probe(server, "/readyz") == (200, {"status": "ok"})

    redis.stop()
    assert probe(server, "/readyz") == (503, {"status": "unavailable", "failed": ["cache", "queue"]})
    assert probe(server, "/healthz") == (200, {"status": "ok"})
    redis.start()
    wait_for(lambda: probe(server, "/readyz")[0] == 200, timeout=30, what="ready again after Redis")

    postgres.stop()
    assert probe(server, "/readyz") == (503, {"status": "unavailable", "failed": ["database"]})
    assert probe(server, "/healthz") == (200, {"status": "ok"})
    postgres.start()
    # The kept connection died with the server; the next probe opens a new one.
    assert probe(server, "/readyz") == (200, {"status": "ok"})

    # Dozens of probes, some failing, and not one line in the server's log about them.
    assert "readyz" not in log.read_text() and "healthz" not in log.read_text()
