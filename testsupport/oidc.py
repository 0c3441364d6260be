"""A real OpenID Provider for the single sign-on tests: ``oidc-provider`` (npm, OpenID Certified) run by Node
on a free port of ``TEST_SERVER_PORTS``, with the clients and users a test writes into its configuration.

``make test-deps`` installs it (``npm ci --prefix testsupport/oidc_provider``). Every wait here is bounded,
and ``stop`` ends the process group it started: use it as a context manager.
"""

import json
import os
import re
import runpy
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import requests

from .ci import RUNNING_IN_CI
from .outages import free_port_in_range

HERE = Path(__file__).resolve().parent / "oidc_provider"
SCRIPT = HERE / "provider.mjs"
SETTINGS = Path(__file__).resolve().parent.parent / "prepmeet" / "settings.py"

CLIENT_ID = "prepmeet"
CLIENT_SECRET = "prepmeet-test-secret-0123456789abcdef"
OTHER_CLIENT_ID = "another-client"
OTHER_CLIENT_SECRET = "another-client-secret-0123456789abcdef"
PASSWORD = "correct horse battery staple"


def user(login: str, email: str, *, verified: bool = True, name: str = "", **claims) -> dict:
    """A user of the test provider (its subject is ``sub-<login>`` unless ``sub`` is given)."""
    given, _, family = name.partition(" ")
    return {
        "password": PASSWORD,
        "sub": claims.pop("sub", f"sub-{login}"),
        "email": email,
        "email_verified": verified,
        **({"name": name, "given_name": given, "family_name": family} if name else {}),
        **claims,
    }


class OpenIDProvider:
    """``node provider.mjs`` on 127.0.0.1, serving ``clients`` and ``users`` (login -> claims)."""

    def __init__(self, *, redirect_uris: list[str], post_logout_redirect_uris: list[str], users: dict):
        if shutil.which("node") is None or not (HERE / "node_modules" / "oidc-provider").is_dir():
            message = "the test OpenID provider is not installed: run `make test-deps`"
            if RUNNING_IN_CI:
                pytest.fail(message)
            pytest.skip(message)
        self.port = free_port_in_range()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.folder = Path(tempfile.mkdtemp(prefix="prepmeet-oidc-"))
        self.config = self.folder / "config.json"
        clients = [
            {
                "client_id": client_id,
                "client_secret": secret,
                "client_name": name,
                "redirect_uris": redirect_uris,
                "post_logout_redirect_uris": post_logout_redirect_uris,
                "token_endpoint_auth_method": "client_secret_post",
            }
            for client_id, secret, name in (
                (CLIENT_ID, CLIENT_SECRET, "prepmeet"),
                (OTHER_CLIENT_ID, OTHER_CLIENT_SECRET, "Another app"),
            )
        ]
        self.config.write_text(
            json.dumps({"port": self.port, "issuer": self.issuer, "clients": clients, "users": users})
        )
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 30) -> "OpenIDProvider":
        self.log = open(self.folder / "provider.log", "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            ["node", str(SCRIPT), str(self.config)],
            cwd=HERE,
            env={**os.environ, "NODE_ENV": "test"},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the OpenID provider exited: {self.log_text()}")
            try:
                discovery = requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=2)
                if discovery.ok and discovery.json()["issuer"] == self.issuer:  # our process, not another's
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise TimeoutError(f"the OpenID provider did not answer within {timeout} s: {self.log_text()}")

    def log_text(self) -> str:
        path = self.folder / "provider.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def set_users(self, users: dict) -> None:
        requests.post(f"{self.issuer}/__test__/users", json=users, timeout=10).raise_for_status()

    def tamper(self, mode: str | None) -> None:
        """Rewrite the next ID tokens as a hostile provider would (provider.mjs), or stop with None."""
        requests.post(f"{self.issuer}/__test__/tamper", json={"mode": mode}, timeout=10).raise_for_status()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        if self.process is not None:
            self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> "OpenIDProvider":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def environment(self, **overrides: str) -> dict[str, str]:
        """The variables that point prepmeet at this provider."""
        return {
            "SSO_ISSUER": self.issuer,
            "SSO_CLIENT_ID": CLIENT_ID,
            "SSO_CLIENT_SECRET": CLIENT_SECRET,
            **overrides,
        }


def settings_from_environment(env: dict[str, str]) -> dict:
    """What prepmeet/settings.py makes of ``env`` (and no other variable the settings read): its module's
    globals, computed by running the file itself in this process."""
    names = set(
        re.findall(r'(?:env(?:bool|int|list|secret)|os\.environ\.get)\("([A-Z_]+)"', SETTINGS.read_text())
    )
    names |= {f"{name}_FILE" for name in names}
    saved = {name: os.environ.pop(name) for name in list(os.environ) if name in names}
    os.environ.update(env)
    try:
        return runpy.run_path(str(SETTINGS))
    finally:
        for name in env:
            os.environ.pop(name, None)
        os.environ.update(saved)


def sso_settings(env: dict[str, str]) -> dict:
    """The single sign-on settings (SSO_*, OIDC_*) prepmeet/settings.py makes of ``env``, to apply with
    pytest-django's ``settings`` fixture."""
    values = settings_from_environment(env)
    return {name: value for name, value in values.items() if name.startswith(("SSO_", "OIDC_"))}


def sign_in_at_provider(
    session: requests.Session, authorize_url: str, *, login: str, password: str = PASSWORD
):
    """Follow the provider's authorization URL through its login and consent pages with ``requests``, as a
    person would; the last answer (not followed) redirects to the app's callback."""
    answer = session.get(authorize_url, allow_redirects=False, timeout=10)
    for _ in range(10):
        location = answer.headers.get("Location", "")
        if answer.is_redirect and "/oidc/callback/" in location:
            return location
        if answer.is_redirect:
            answer = session.get(
                requests.compat.urljoin(answer.url, location), allow_redirects=False, timeout=10
            )
            continue
        action = re.search(r'action="([^"]+)"', answer.text)
        assert action, f"no form on the provider's page: {answer.status_code} {answer.text[:500]}"
        target = requests.compat.urljoin(answer.url, action.group(1))
        data = {"login": login, "password": password} if action.group(1).endswith("/login") else {}
        answer = session.post(target, data=data, allow_redirects=False, timeout=10)
    raise AssertionError(f"the provider never sent back to the app: {answer.status_code} {answer.text[:500]}")
