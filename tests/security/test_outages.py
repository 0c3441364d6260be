"""Outages cost no request: real gunicorn servers (``testsupport/servers.py``) in front of a Redis and a
PostgreSQL of the test's own (``testsupport/outages.py``), stopped and started while the servers run.

- Redis down (frozen, then stopped): sign-in, pages, saves and downloads keep working (a cache error is a
  miss, sessions come from the database, renders run in the request, throttles count in the process), and
  work on when it is back.
- PostgreSQL restarted under kept connections (``CONN_MAX_AGE``): no request fails on a stale connection.
- A prerender worker that crashed and was started again renders delayed jobs within seconds.

Every process started here is stopped when its test ends, however it ends.
"""

import os
import re
import signal
import subprocess
import sys
from datetime import timedelta

import pytest
from django.urls import reverse
from rq import Queue

from testsupport.factories import PASSWORD
from testsupport.outages import PostgresCluster, RedisServer, wait_for
from testsupport.servers import REPO, AppServer, Browser, manage, production_env

SETUP = """
from testsupport.factories import prep_create, seed_worksheet, user_create
user = user_create("olivia", email_verified=True)
print(prep_create(owner=user, worksheet=seed_worksheet(), meeting_title="Budget hearing").pk)
"""


def prepared(env: dict, *, static: bool = True) -> int:
    """Migrate the servers' database, load the worksheet, add Olivia and her prep; the prep's id. With
    ``static``, collect the static files gunicorn serves."""
    if static:
        manage(env, "collectstatic", "--no-input")
    manage(env, "migrate", "--no-input")
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SETUP],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return int(done.stdout.split()[-1])


def csrf_token(page: bytes) -> str:
    return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()


def sign_in(server: AppServer) -> Browser:
    browser = Browser()
    url = server.base_url + reverse("login")
    status, _, page = browser.request(url)
    assert status == 200, page
    status, _, page = browser.request(
        url, {"username": "olivia", "password": PASSWORD, "csrfmiddlewaretoken": csrf_token(page)}
    )
    assert status == 302, page
    return browser


class Director:
    """Olivia at work in a browser: reads her pages, saves an answer, downloads the notes PDF."""

    def __init__(self, server: AppServer, prep_id: int, question: str = "who-attends"):
        self.server, self.prep_id, self.question, self.version = server, prep_id, question, 0
        self.browser = sign_in(server)

    def works(self, text: str) -> list[tuple[str, int]]:
        """Each request's path and status."""
        done = []
        for path in (
            reverse("dashboard"),
            reverse("prep_fill", args=[self.prep_id]),
            reverse("prep_pdf", args=[self.prep_id]),
        ):
            done.append((path, self.browser.request(self.server.base_url + path)[0]))
        save = reverse("answer_autosave", args=[self.prep_id, self.question])
        status, _, body = self.browser.request(
            self.server.base_url + save,
            {"text": text, "version": self.version},
            headers={"X-CSRFToken": self.browser.cookie("csrftoken")},
        )
        if status == 200:
            self.version += 1
        done.append((save, status))
        return done


def failed(done: list[tuple[str, int]]) -> list[tuple[str, int]]:
    return [(path, status) for path, status in done if status != 200]


# --- Redis down ---------------------------------------------------------------------------------------------


def ask_for_a_reset(server: AppServer) -> int:
    """A password-reset request (its throttle counts in the cache); the answer's status."""
    browser = Browser()
    url = server.base_url + reverse("password_reset")
    status, _, page = browser.request(url)
    if status != 200:
        return status
    form = {"email": "olivia@example.org", "csrfmiddlewaretoken": csrf_token(page)}
    return browser.request(url, form)[0]


def test_redis_down_costs_no_request_and_coming_back_costs_none_either(tmp_path):
    with RedisServer() as redis_server:
        env = production_env(
            database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}",
            static_root=tmp_path / "static",
            redis_url=redis_server.url,
        )
        env["PDF_PRERENDER"] = "on"  # saves queue background renders on RQ, in the same Redis
        prep_id = prepared(env)
        log = tmp_path / "gunicorn.log"
        with AppServer(env, workers=2, log=log) as server:
            server.wait_until_ready(reverse("login"))
            director = Director(server, prep_id)
            assert failed(director.works("Redis up")) == []

            redis_server.freeze()  # unreachable with its data: every call times out
            frozen = director.works("Redis frozen")
            redis_server.thaw()
            assert failed(frozen) == []

            redis_server.stop()
            during = [request for n in range(4) for request in director.works(f"Redis down {n}")]
            newcomer = Director(server, prep_id, "expertise")  # signs in while Redis is down
            during += newcomer.works("Signed in while Redis is down")
            assert failed(during) == []
            assert ask_for_a_reset(server) == 302

            redis_server.start()  # empty: what it held is lost
            after = director.works("Redis back") + newcomer.works("Redis back, again")
            assert failed(after) == []
        outage_lines = [line for line in log.read_text().splitlines() if "Redis" in line]
        assert 0 < len(outage_lines) <= 8, outage_lines  # logged once a minute per process, not per request


# --- PostgreSQL restarted -----------------------------------------------------------------------------------


@pytest.mark.postgres  # a cluster of its own, but run in CI's PostgreSQL pass only
def test_a_postgresql_restart_costs_no_request(tmp_path):
    with PostgresCluster() as postgres:
        env = production_env(database_url=postgres.url, static_root=tmp_path / "static")
        env["CONN_MAX_AGE"] = "600"  # kept connections, as the several-servers recipe runs
        prep_id = prepared(env)
        with AppServer(env, workers=2, log=tmp_path / "gunicorn.log") as server:
            server.wait_until_ready(reverse("login"))
            director = Director(server, prep_id)
            for n in range(3):  # every worker holds a connection now
                assert failed(director.works(f"Before the restart {n}")) == []

            postgres.restart()

            after = [request for n in range(5) for request in director.works(f"After the restart {n}")]
            assert failed(after) == []


# --- the prerender worker restarted -------------------------------------------------------------------------


class PrerenderWorker:
    """``manage.py prerender_worker`` in its own process group (RQ's scheduler runs in a child of it)."""

    def __init__(self, env: dict, log):
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "prerender_worker"],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def crash(self) -> None:
        """Killed at once with its scheduler, as an out-of-memory kill or a lost machine does."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.crash()


def test_a_restarted_prerender_worker_renders_delayed_jobs_within_seconds(tmp_path):
    with RedisServer() as redis_server:
        env = production_env(
            database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}",
            static_root=tmp_path / "static",
            redis_url=redis_server.url,
        )
        prep_id = prepared(env, static=False)
        queue_name, client = f"{env['CACHE_KEY_PREFIX']}-prerender", redis_server.client()
        scheduler_lock = f"rq:scheduler-lock:{queue_name}"
        with open(tmp_path / "workers.log", "ab") as log:
            with PrerenderWorker(env, log) as first:
                wait_for(lambda: client.exists(scheduler_lock), timeout=60, what="the first scheduler")
                first.crash()
            with PrerenderWorker(env, log):
                # A notes PDF delayed as after an edit (documents/prerender.py), queued the way the app does.
                queue = Queue(queue_name, connection=client)
                queue.enqueue_in(timedelta(seconds=1), "documents.prerender.prerender_job", prep_id, "notes")
                rendered = f"{env['CACHE_KEY_PREFIX']}:*:pdf:*"
                wait_for(lambda: list(client.scan_iter(rendered)), timeout=30, what="the delayed render")
