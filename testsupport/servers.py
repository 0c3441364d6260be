"""Real app servers on 127.0.0.1 for the pages benchmark and the several-servers test: gunicorn with
``DEBUG=False``, collected static files, and a small HTTP client that keeps cookies like a browser.

Every wait here is bounded, and ``AppServer.stop`` ends the whole process group it started.
"""

import http.cookiejar
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


def production_env(
    *, database_url: str, static_root: Path, redis_url: str = "", settings_module: str = "prepmeet.settings"
) -> dict:
    """The environment of a production server, except that it speaks plain HTTP on 127.0.0.1.

    Servers started with one such environment share its SECRET_KEY (sessions and CSRF tokens must verify on
    every server), its database, and its Redis under one key prefix.
    """
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(static_root),
        # Plain HTTP on the loopback: no redirect to https, cookies without the Secure flag.
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONDONTWRITEBYTECODE": "1",
        # No background renders: the tests count cache misses and hits (documents/prerender.py has its own).
        "PDF_PRERENDER": "off",
    }
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
        env["CACHE_KEY_PREFIX"] = f"prepmeet-{secrets.token_hex(6)}"  # this run's keys only
    return env


def manage(env: dict, *args: str, timeout: float = 300) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        timeout=timeout,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class AppServer:
    """``gunicorn prepmeet.wsgi`` on a free 127.0.0.1 port, in its own process group."""

    def __init__(self, env: dict, *, workers: int = 1, log: Path | None = None, extra_args: tuple = ()):
        self.port = free_port()
        self.log = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                "prepmeet.wsgi:application",
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={workers}",
                "--timeout=60",
                "--graceful-timeout=5",
                *extra_args,
            ],
            cwd=REPO,
            env=env,
            stdout=self.log,
            stderr=self.log,
            start_new_session=True,
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_until_ready(self, path: str = "/", timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn on port {self.port} exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(self.base_url + path, timeout=2):
                    return
            except urllib.error.HTTPError:
                return  # it answers
            except OSError:
                time.sleep(0.2)
        raise TimeoutError(f"gunicorn on port {self.port} did not answer within {timeout} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=15)
        if self.log is not subprocess.DEVNULL:
            self.log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Cookies across requests (to any port of 127.0.0.1, as a browser would), no redirects followed."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirects()
        )

    def cookie(self, name: str) -> str:
        return next(cookie.value for cookie in self.cookies if cookie.name == name)

    def request(self, url: str, data: dict | None = None, headers: dict | None = None, timeout: float = 60):
        """``(status, headers, body)``; a POST when ``data`` is given."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers or {})
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx
            with error:
                return error.code, error.headers, error.read()
