"""The nginx recipe (deploy/nginx/prepmeet.conf) run by Debian's nginx in front of a real gunicorn with the
production recipe's sync workers (prepmeet/gunicorn_conf.py), over TLS on the loopback.

- X-Forwarded-Proto and X-Forwarded-For reach the app as docs/production.md says: it knows the request came
  over HTTPS, and it counts a failed login against the client's own address, not nginx's nor a forged one.
- A body over the app's REQUEST_BODY_MAX_BYTES is refused by nginx; gunicorn never sees it.
- 50 connections trickling their headers hold no worker: another user is answered while all are open.
- Static files come from nginx, not gunicorn.

gunicorn's access log (a line per request it served) says what reached the app.
"""

import http.client
import re
import socket
import sqlite3
import ssl
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings

from testsupport import servers
from testsupport.nginx import RECIPE, Nginx, free_port_besides, two_free_ports
from testsupport.outages import wait_for
from testsupport.servers import AppServer, manage, production_env

WORKERS = 2
TRICKLING = 50
CLIENT = "127.0.0.2"  # the user's address: the loopback's, but not the one nginx connects to gunicorn from


class Site:
    def __init__(self, nginx: Nginx, app: AppServer, database: Path, access_log: Path):
        self.nginx, self.app, self.database, self.access_log = nginx, app, database, access_log
        self.tls = ssl.create_default_context(cafile=str(nginx.folder / "cert.pem"))

    def request(self, method: str, path: str, *, body: bytes | None = None, headers: dict | None = None):
        """``(status, headers, body)`` over HTTPS from CLIENT."""
        connection = http.client.HTTPSConnection(
            "127.0.0.1", self.nginx.https_port, context=self.tls, timeout=60, source_address=(CLIENT, 0)
        )
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()

    def reached_gunicorn(self, path: str) -> bool:
        return f" {path}" in self.access_log.read_text()

    def logged_after(self, path: str) -> None:
        """Wait until gunicorn has logged ``path`` (it writes a line after each answer): whatever reached it
        before is in its log by then."""
        wait_for(
            lambda: self.reached_gunicorn(path), timeout=60, what=f"gunicorn's access log line for {path}"
        )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nginx")
    ports = two_free_ports()
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr(servers, "free_port", lambda: free_port_besides(ports))
    database, static_root, access_log = folder / "db.sqlite3", folder / "static", folder / "access.log"
    env = production_env(database_url=f"sqlite:///{database}", static_root=static_root)
    env.update(BEHIND_TLS_PROXY="true", SECURE_SSL_REDIRECT="true", SESSION_COOKIE_SECURE="true")
    env.update(
        CSRF_COOKIE_SECURE="true", SECURE_HSTS_SECONDS="3600"
    )  # sent only on a request it sees as https
    env.pop("GUNICORN_WORKER_CLASS", None)  # the recipe's default
    env["CSRF_TRUSTED_ORIGINS"] = f"https://127.0.0.1:{ports[1]}"  # nginx's port is not 443
    with ThreadPoolExecutor(2) as pool:  # two processes at once: collectstatic takes ~20 s, migrate ~5
        list(pool.map(lambda command: manage(env, command, "--no-input"), ("migrate", "collectstatic")))
    app = AppServer(
        env,
        workers=WORKERS,
        log=folder / "gunicorn.log",
        extra_args=("--config=python:prepmeet.gunicorn_conf", f"--access-logfile={access_log}"),
    )
    nginx = None
    try:
        app.wait_until_ready("/healthz")
        nginx = Nginx(
            folder / "nginx", upstreams=[f"127.0.0.1:{app.port}"], static_root=static_root, ports=ports
        )
        yield Site(nginx.start(), app, database, access_log)
    finally:
        if nginx is not None:
            nginx.stop()
        app.stop()
        monkeypatch.undo()


def test_the_recipes_body_limit_is_the_apps():
    limit = int(re.search(r"client_max_body_size (\d+);", RECIPE.read_text()).group(1))
    assert limit == settings.REQUEST_BODY_MAX_BYTES


def test_the_workers_are_sync_processes(site):
    assert "Using worker: sync" in (site.nginx.folder.parent / "gunicorn.log").read_text()


def test_the_app_sees_https_and_the_clients_own_address(site):
    # Plain HTTP: nginx sends everything but the probes to HTTPS itself.
    plain = http.client.HTTPConnection("127.0.0.1", site.nginx.http_port, timeout=30)
    plain.request("GET", "/accounts/login/")
    redirect = plain.getresponse()
    redirect.read()
    assert redirect.status == 301 and redirect.headers["Location"] == "https://127.0.0.1/accounts/login/"
    plain.request("GET", "/readyz")
    probe = plain.getresponse()
    assert (probe.status, probe.read()) == (200, b'{"status": "ok"}')
    plain.close()

    # Over HTTPS the app, told so by X-Forwarded-Proto, neither redirects nor withholds its Secure cookies.
    status, headers, page = site.request("GET", "/accounts/login/")
    assert status == 200
    cookie = next(c for c in headers.get_all("Set-Cookie") if c.startswith("csrftoken="))
    assert "; Secure" in cookie and "Strict-Transport-Security" in headers
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()

    # A failed login, with a forged X-Forwarded-For: counted against CLIENT, the address nginx saw.
    form = f"username=nobody&password=wrong&csrfmiddlewaretoken={token}".encode()
    status, _, _ = site.request(
        "POST",
        "/accounts/login/",
        body=form,
        headers={
            "Cookie": cookie.split(";")[0],
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": site.nginx.https_url,
            "Referer": site.nginx.https_url + "/accounts/login/",
            "X-Forwarded-For": "203.0.113.9",
            "X-Forwarded-Proto": "http",  # nginx replaces it
        },
    )
    assert status == 200  # the form again, with its error: the CSRF origin check saw https
    with sqlite3.connect(site.database) as db:
        addresses = [row[0] for row in db.execute("SELECT ip_address FROM axes_accessattempt")]
    assert addresses == [CLIENT]


def test_an_oversized_body_is_refused_by_nginx_and_never_reaches_the_app(site):
    limit = settings.REQUEST_BODY_MAX_BYTES
    status, headers, body = site.request(
        "POST", "/accounts/signup/?too-large", body=b"x" * (limit + 1), headers={"Content-Type": "text/plain"}
    )
    assert status == 413 and b"Too large to send" in body
    # At the limit exactly, nginx passes it on (the app then refuses the unsigned form itself).
    status, _, _ = site.request(
        "POST", "/accounts/signup/?at-limit", body=b"x" * limit, headers={"Content-Type": "text/plain"}
    )
    assert status == 403  # the app's CSRF refusal, not nginx's 413
    site.logged_after("/accounts/signup/?at-limit")
    assert not site.reached_gunicorn("/accounts/signup/?too-large")


def still_open(connection: ssl.SSLSocket) -> bool:
    """True while nginx has neither closed nor answered the connection."""
    connection.setblocking(False)
    try:
        return connection.recv(1) != b""
    except (BlockingIOError, ssl.SSLWantReadError):
        return True
    except OSError:
        return False
    finally:
        connection.setblocking(True)


def test_trickling_clients_hold_no_worker(site):
    slow = []
    try:
        for _ in range(TRICKLING):
            raw = socket.create_connection(("127.0.0.1", site.nginx.https_port), timeout=30)
            connection = site.tls.wrap_socket(raw, server_hostname="127.0.0.1")
            connection.sendall(b"GET /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            slow.append(connection)
        for connection in slow:  # one more byte each, still no end of the headers
            connection.sendall(b"x")
        started = time.monotonic()
        answers = [site.request("GET", "/accounts/login/")[0] for _ in range(WORKERS + 1)]
        took = time.monotonic() - started
        held = [still_open(connection) for connection in slow]
    finally:
        for connection in slow:
            connection.close()
    print(f"{TRICKLING} trickling, {WORKERS} sync workers: {len(answers)} pages in {took:.3f} s")
    assert answers == [200] * (WORKERS + 1)
    assert all(held), "nginx dropped slow sockets: the test no longer measures what it says"


def test_static_files_come_from_nginx(site):
    status, _, page = site.request("GET", "/accounts/login/")
    stylesheet = re.search(rb'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page).group(1).decode()
    status, headers, body = site.request("GET", stylesheet, headers={"Accept-Encoding": "gzip"})
    assert status == 200 and body
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Encoding"] == "gzip"  # WhiteNoise's .gz copy, sent by nginx
    assert headers["X-Content-Type-Options"] == "nosniff"
    site.request("GET", "/accounts/login/?after-static")
    site.logged_after("/accounts/login/?after-static")
    assert not site.reached_gunicorn("/static/")
