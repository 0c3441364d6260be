"""Several app servers: two real gunicorn servers on 127.0.0.1, one PostgreSQL database, one Redis.

A user logs in on server A, saves an answer on server B, and reads the answer back on A; B renders the PDF,
and A serves it from the shared cache without rendering. Logging out on B signs the user out on A too.
Nothing here lives in a server's memory: that is what lets a load balancer send any request anywhere.

The servers run ``DEBUG=False`` with collected static files, like production, and are stopped (their whole
process groups) when the test ends, however it ends.
"""

import os
import re
import urllib.parse

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse

from preps.models import Answer
from testsupport.factories import PASSWORD
from testsupport.servers import AppServer, Browser, manage, production_env

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def redis_or_skip():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"needs Redis at {REDIS_URL}: {error}")
    return client


def shared_database_url() -> str:
    """The test database, as a URL the servers can use."""
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "", safe="")
    password = f":{urllib.parse.quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def servers(transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("several app servers share one PostgreSQL database: run with DATABASE_URL=postgres://...")
    redis_client = redis_or_skip()
    env = production_env(
        database_url=shared_database_url(), static_root=tmp_path / "static", redis_url=REDIS_URL
    )
    manage(env, "collectstatic", "--no-input")
    started = []
    try:
        for name in ("a", "b"):
            started.append(AppServer(env, log=tmp_path / f"gunicorn-{name}.log"))
        for server in started:
            server.wait_until_ready("/accounts/login/")
        yield started[0], started[1], redis_client, env["CACHE_KEY_PREFIX"]
    finally:
        for server in started:
            server.stop()
        for key in redis_client.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*"):
            redis_client.delete(key)


def log_in(browser: Browser, server: AppServer, username: str) -> None:
    url = server.base_url + reverse("login")
    status, _, body = browser.request(url)
    assert status == 200
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    status, headers, _ = browser.request(
        url, {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert status == 302, "the login was refused"
    assert headers["Location"] == reverse("dashboard")


def test_log_in_on_one_server_save_on_another_read_back_and_a_cached_pdf(servers, prep):
    server_a, server_b, redis_client, key_prefix = servers
    get_user_model().objects.filter(pk=prep.owner_id).update(first_name="Olivia", last_name="Martínez")
    question = prep.worksheet.questions.get(position=1)
    fill_page = reverse("prep_fill", args=[prep.pk])
    pdf_url = reverse("prep_pdf", args=[prep.pk])
    browser = Browser()

    log_in(browser, server_a, prep.owner.username)

    # Save on B with A's session and CSRF cookies.
    status, _, body = browser.request(
        server_b.base_url + reverse("answer_autosave", args=[prep.pk, question.key]),
        {"text": "Dana Whitfield, 911 director — saved on server B", "version": 0},
        headers={"X-CSRFToken": browser.cookie("csrftoken")},
    )
    assert status == 200, body
    assert Answer.objects.get(prep=prep, question=question).version == 1

    # Read it back on A.
    status, _, body = browser.request(server_a.base_url + fill_page)
    assert status == 200
    assert "Dana Whitfield, 911 director — saved on server B" in body.decode()

    # B renders the PDF; A serves the same bytes from Redis without rendering, then a 304.
    status, headers_b, pdf_b = browser.request(server_b.base_url + pdf_url)
    assert (status, headers_b["X-PDF-Cache"]) == (200, "miss")
    assert pdf_b.startswith(b"%PDF-")
    assert list(redis_client.scan_iter(f"{key_prefix}:*:pdf:*"))
    status, headers_a, pdf_a = browser.request(server_a.base_url + pdf_url)
    assert (status, headers_a["X-PDF-Cache"]) == (200, "hit")
    assert pdf_a == pdf_b and headers_a["ETag"] == headers_b["ETag"]
    status, _, body = browser.request(
        server_a.base_url + pdf_url, headers={"If-None-Match": headers_a["ETag"]}
    )
    assert (status, body) == (304, b"")

    # Log out on B: A no longer knows the session either.
    status, _, _ = browser.request(
        server_b.base_url + reverse("logout"), {"csrfmiddlewaretoken": browser.cookie("csrftoken")}
    )
    assert status == 302
    status, headers, _ = browser.request(server_a.base_url + fill_page)
    assert status == 302 and headers["Location"].startswith(reverse("login"))
