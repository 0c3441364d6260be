"""The production recipe on real gunicorn, for the tests in this folder that read its responses."""

import time

import pytest

from testsupport.servers import AppServer, Browser, manage, production_env

# Everything the settings read, so none of it leaks in from the environment the tests run in.
SETTINGS_VARIABLES = (
    "DEBUG SECRET_KEY ALLOWED_HOSTS CSRF_TRUSTED_ORIGINS BEHIND_TLS_PROXY TRUSTED_PROXY_COUNT "
    "SECURE_SSL_REDIRECT SESSION_COOKIE_SECURE CSRF_COOKIE_SECURE SECURE_HSTS_SECONDS "
    "SECURE_HSTS_INCLUDE_SUBDOMAINS SECURE_HSTS_PRELOAD DJANGO_SETTINGS_MODULE EMAIL_HOST DEFAULT_FROM_EMAIL "
    "DJANGO_ALLOW_ASYNC_UNSAFE"  # set for the browser tests, never in production
).split()


@pytest.fixture
def gunicorn_server(tmp_path):
    """gunicorn with the production environment on 127.0.0.1, on its own migrated SQLite file."""
    database = tmp_path / "db.sqlite3"
    env = production_env(database_url=f"sqlite:///{database}", static_root=tmp_path / "static")
    for name in SETTINGS_VARIABLES:
        if name not in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DEBUG"):
            env.pop(name, None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update({"ALLOWED_HOSTS": "127.0.0.1", "BEHIND_TLS_PROXY": "true"})
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    server = AppServer(env, workers=2, log=tmp_path / "gunicorn.log")
    try:
        wait_until_answering(server)
        yield server, database
    finally:
        server.stop()


def wait_until_answering(server, timeout=60):
    """Like AppServer.wait_until_ready, without following the redirect to https (nothing speaks TLS here)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.process.poll() is None, "gunicorn exited"
        try:
            Browser().request(server.base_url + "/accounts/login/", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"gunicorn did not answer within {timeout} s")
