"""Settings a deployment needs: secrets read from files, outgoing mail, and every variable documented.

The settings are read in a fresh Python process with exactly the environment a test gives (none of the
variables the settings read leak in from the environment the tests run in); `envsecret` is also tested on
its own.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from prepmeet.settings import envsecret

SETTINGS_FILE = Path(settings.BASE_DIR) / "prepmeet" / "settings.py"
SECRETS = re.findall(r'envsecret\("([A-Z_]+)"', SETTINGS_FILE.read_text())
# Every variable prepmeet/settings.py reads, through its helpers or os.environ, and each secret's *_FILE.
VARIABLES = {
    *re.findall(r'(?:env(?:bool|int|list|secret)|os\.environ\.get)\("([A-Z_]+)"', SETTINGS_FILE.read_text()),
    *(f"{name}_FILE" for name in SECRETS),
}


def run_settings(env: dict[str, str], code: str) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if key not in VARIABLES}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def read_settings(*names: str, **env: str) -> dict:
    """The named settings as the settings module computes them from this environment."""
    code = f"import json, prepmeet.settings as s; print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    completed = run_settings(env, code)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def refusal(**env: str) -> str:
    """The ImproperlyConfigured message the settings stop with in this environment."""
    completed = run_settings(env, "import prepmeet.settings")
    assert completed.returncode != 0, "the settings should have refused this environment"
    last_line = completed.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: "), completed.stderr
    return last_line.removeprefix("django.core.exceptions.ImproperlyConfigured: ")


# --- envsecret ----------------------------------------------------------------------------------------------


def test_envsecret_reads_the_file_and_drops_only_its_trailing_newline(monkeypatch, tmp_path):
    secret = tmp_path / "secret_key"
    secret.write_text("  s3cret with spaces = kept  \n")
    monkeypatch.delenv("PREPMEET_TEST_SECRET", raising=False)
    monkeypatch.setenv("PREPMEET_TEST_SECRET_FILE", str(secret))
    assert envsecret("PREPMEET_TEST_SECRET") == "  s3cret with spaces = kept  "

    secret.write_text("windows\r\n")
    assert envsecret("PREPMEET_TEST_SECRET") == "windows"
    secret.write_text("no newline")
    assert envsecret("PREPMEET_TEST_SECRET", "default") == "no newline"


def test_envsecret_without_a_file_reads_the_variable_or_the_default(monkeypatch):
    monkeypatch.delenv("PREPMEET_TEST_SECRET_FILE", raising=False)
    monkeypatch.delenv("PREPMEET_TEST_SECRET", raising=False)
    assert envsecret("PREPMEET_TEST_SECRET", "default") == "default"
    monkeypatch.setenv("PREPMEET_TEST_SECRET", "from the environment")
    assert envsecret("PREPMEET_TEST_SECRET", "default") == "from the environment"
    monkeypatch.setenv("PREPMEET_TEST_SECRET_FILE", "")  # empty counts as not set
    assert envsecret("PREPMEET_TEST_SECRET") == "from the environment"


def test_envsecret_refuses_the_variable_and_its_file_together(monkeypatch, tmp_path):
    (tmp_path / "secret").write_text("from the file\n")
    monkeypatch.setenv("PREPMEET_TEST_SECRET", "from the environment")
    monkeypatch.setenv("PREPMEET_TEST_SECRET_FILE", str(tmp_path / "secret"))
    with pytest.raises(ImproperlyConfigured, match="Set PREPMEET_TEST_SECRET or PREPMEET_TEST_SECRET_FILE"):
        envsecret("PREPMEET_TEST_SECRET")


@pytest.mark.parametrize("kind", ["missing", "a directory", "not text"])
def test_envsecret_refuses_a_file_it_cannot_read(monkeypatch, tmp_path, kind):
    path = tmp_path / "secret"
    if kind == "a directory":
        path.mkdir()
    elif kind == "not text":
        path.write_bytes(b"\xff\xfe\x00binary")
    monkeypatch.delenv("PREPMEET_TEST_SECRET", raising=False)
    monkeypatch.setenv("PREPMEET_TEST_SECRET_FILE", str(path))
    with pytest.raises(ImproperlyConfigured, match=f"PREPMEET_TEST_SECRET_FILE='{path}' cannot be read"):
        envsecret("PREPMEET_TEST_SECRET", "a default is no excuse")


# --- the settings' secrets from files -----------------------------------------------------------------------


def test_the_secret_key_database_url_and_mail_password_are_read_from_files(tmp_path):
    files = {
        "SECRET_KEY_FILE": "k" * 50 + "\n",
        "DATABASE_URL_FILE": "postgres://prepmeet:p%40ss@db.internal:5432/prepmeet\n",
        "EMAIL_HOST_PASSWORD_FILE": "mail password\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    values = read_settings(
        "SECRET_KEY",
        "DATABASES",
        "EMAIL_HOST_PASSWORD",
        DEBUG="false",
        **{name: str(tmp_path / name) for name in files},
    )
    assert values["SECRET_KEY"] == "k" * 50
    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["NAME"], database["USER"], database["PASSWORD"]) == (
        "db.internal",
        "prepmeet",
        "prepmeet",
        "p@ss",
    )
    assert values["EMAIL_HOST_PASSWORD"] == "mail password"


@pytest.mark.parametrize("name", ["SECRET_KEY", "DATABASE_URL", "EMAIL_HOST_PASSWORD"])
def test_a_secret_and_its_file_together_stop_the_start(tmp_path, name):
    (tmp_path / "secret").write_text("sqlite:///elsewhere.sqlite3\n")
    message = refusal(**{name: "sqlite:///here.sqlite3", f"{name}_FILE": str(tmp_path / "secret")})
    assert message == f"Set {name} or {name}_FILE, not both"


@pytest.mark.parametrize("name", ["SECRET_KEY", "DATABASE_URL", "EMAIL_HOST_PASSWORD"])
def test_a_missing_secret_file_stops_the_start(tmp_path, name):
    missing = tmp_path / "not-mounted"
    message = refusal(DEBUG="true", **{f"{name}_FILE": str(missing)})
    assert message.startswith(f"{name}_FILE='{missing}' cannot be read: ")
    assert "No such file or directory" in message


def test_without_files_the_development_defaults_still_need_nothing():
    values = read_settings(
        "DEBUG", "SECRET_KEY", "DATABASES", "EMAIL_DELIVERY_BACKEND", "EMAIL_HOST_PASSWORD"
    )
    assert values["DEBUG"] is True
    assert values["SECRET_KEY"].startswith("dev-only-insecure-key")
    assert values["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["EMAIL_DELIVERY_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert values["EMAIL_HOST_PASSWORD"] == ""


# --- outgoing mail ------------------------------------------------------------------------------------------

SMTP_ENV = {
    "EMAIL_HOST": "smtp.example.org",
    "EMAIL_PORT": "2525",
    "EMAIL_HOST_USER": "prepmeet@example.org",
    "EMAIL_HOST_PASSWORD": "mail password",
    "EMAIL_USE_TLS": "true",
    "EMAIL_TIMEOUT": "7",
    "DEFAULT_FROM_EMAIL": "Prep Meet <noreply@example.org>",
    "SERVER_EMAIL": "errors@example.org",
}


def test_an_email_host_selects_smtp_with_the_configured_server_login_and_senders():
    """Django's own SMTP backend, made the way the mail job makes it (core/mail.py), carries every value;
    what the app itself hands mail to is the queue."""
    code = (
        "import json, django\n"
        "django.setup()\n"
        "from django.conf import settings\n"
        "from django.core.mail import get_connection\n"
        "assert settings.EMAIL_BACKEND == 'core.mail.QueuedEmailBackend'\n"
        "c = get_connection(settings.EMAIL_DELIVERY_BACKEND)\n"
        "print(json.dumps({'backend': type(c).__module__, 'host': c.host, 'port': c.port,"
        " 'username': c.username, 'password': c.password, 'use_tls': c.use_tls, 'use_ssl': c.use_ssl,"
        " 'timeout': c.timeout, 'from': settings.DEFAULT_FROM_EMAIL, 'server': settings.SERVER_EMAIL}))\n"
    )
    completed = run_settings({**SMTP_ENV, "DJANGO_SETTINGS_MODULE": "prepmeet.settings"}, code)
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == {
        "backend": "django.core.mail.backends.smtp",
        "host": "smtp.example.org",
        "port": 2525,
        "username": "prepmeet@example.org",
        "password": "mail password",
        "use_tls": True,
        "use_ssl": False,
        "timeout": 7,
        "from": "Prep Meet <noreply@example.org>",
        "server": "errors@example.org",
    }


def test_without_an_email_host_mail_goes_to_the_console_and_an_explicit_backend_wins():
    console = "django.core.mail.backends.console.EmailBackend"
    assert read_settings("EMAIL_DELIVERY_BACKEND")["EMAIL_DELIVERY_BACKEND"] == console
    chosen = read_settings(
        "EMAIL_DELIVERY_BACKEND",
        EMAIL_HOST="smtp.example.org",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    assert chosen["EMAIL_DELIVERY_BACKEND"] == "django.core.mail.backends.dummy.EmailBackend"


@pytest.mark.parametrize(
    ("env", "port"), [({}, 25), ({"EMAIL_USE_TLS": "true"}, 587), ({"EMAIL_USE_SSL": "true"}, 465)]
)
def test_the_default_port_follows_the_kind_of_tls(env, port):
    assert read_settings("EMAIL_PORT", EMAIL_HOST="smtp.example.org", **env)["EMAIL_PORT"] == port


def test_tls_and_ssl_together_are_refused():
    message = refusal(EMAIL_HOST="smtp.example.org", EMAIL_USE_TLS="true", EMAIL_USE_SSL="true")
    assert message == "EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true: choose one"


def test_a_bad_port_or_timeout_is_refused():
    assert refusal(EMAIL_PORT="smtp") == "EMAIL_PORT must be a whole number, not 'smtp'"
    assert refusal(EMAIL_TIMEOUT="10s") == "EMAIL_TIMEOUT must be a whole number, not '10s'"


# --- every variable in one place ----------------------------------------------------------------------------


def test_the_configuration_reference_lists_every_variable_the_settings_read():
    reference = (Path(settings.BASE_DIR) / "docs" / "configuration.md").read_text()
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", reference))
    assert {"SECRET_KEY_FILE", "EMAIL_HOST", "LOG_LEVEL"} <= VARIABLES  # the scan finds them
    assert sorted(VARIABLES - documented) == []


def test_only_the_settings_read_the_environment():
    """App code takes its configuration from django.conf.settings, never from the environment itself."""
    base = Path(settings.BASE_DIR)
    readers = []
    for path in base.rglob("*.py"):
        relative = path.relative_to(base)
        if relative.parts[0] in (
            ".venv",
            "node_modules",
            "tests",
            "bench",
            "testsupport",
            "build",
        ) or relative.as_posix() in (
            "prepmeet/settings.py",
            "prepmeet/gunicorn_conf.py",
        ):  # gunicorn_conf: gunicorn's own
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if re.search(r"\bos\.environ\b|\bgetenv\b", line) and "DJANGO_SETTINGS_MODULE" not in line:
                readers.append(f"{relative}:{number}: {line.strip()}")
    assert readers == []
