"""Production settings: `check --deploy` is clean, responses carry the security headers, no traceback leaks.

The environment below is the one the README documents for production. One test runs the real recipe: collect
the static files, start gunicorn on 127.0.0.1 with that environment, and read the headers, the compressed and
hashed static files WhiteNoise serves, and a 500 page, off real responses.
"""

import os
import re
import secrets
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client
from django.urls import path, reverse

from testsupport.factories import PASSWORD
from testsupport.servers import Browser

from .production import SETTINGS_VARIABLES, gunicorn_server  # noqa: F401 - the fixture

# The production environment, as docs/production.md gives it.
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "prepmeet.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://prepmeet.example.org",
    "BEHIND_TLS_PROXY": "true",
    "EMAIL_HOST": "smtp.example.org",
    "DEFAULT_FROM_EMAIL": "prepmeet <noreply@prepmeet.example.org>",
}


def clean_env(**variables) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    return {**env, "DJANGO_SETTINGS_MODULE": "prepmeet.settings", **variables}


def test_check_deploy_prints_no_warnings():
    completed = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=clean_env(**PRODUCTION_ENV),
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output
    assert "WARNING" not in output


def test_check_deploy_does_warn_without_the_production_environment():
    """The control: on development settings the same check complains (so the test above means something)."""
    completed = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode != 0
    assert "security.W018" in completed.stderr  # DEBUG on


def test_settings_refuse_to_start_without_a_secret_key_when_debug_is_off():
    env = clean_env(**{**PRODUCTION_ENV, "SECRET_KEY": ""})
    completed = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert completed.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in completed.stderr


# --- headers on responses, with production settings --------------------------------------------------------


@pytest.fixture
def production(settings):
    """The values the production environment gives these settings (DEBUG off)."""
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["prepmeet.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    return Client(HTTP_HOST="prepmeet.example.org", HTTP_X_FORWARDED_PROTO="https")


def assert_security_headers(response, *, html=True):
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert (
        "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    )
    if html:
        policy = dict(
            (directive.split(" ", 1) + [""])[:2]
            for directive in response["Content-Security-Policy"].split("; ")
        )
        assert policy["default-src"] == "'none'"
        assert policy["script-src"] == "'self'"
        assert policy["object-src"] == "'none'"
        assert policy["frame-ancestors"] == "'none'"
        assert policy["base-uri"] == "'none'"
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        assert "unsafe-eval" not in response["Content-Security-Policy"]


def assert_secure_cookie(cookie):
    assert cookie["secure"] and cookie["httponly"], cookie.output()
    assert cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_plain_http_is_sent_to_https(production):
    response = Client(HTTP_HOST="prepmeet.example.org").get("/faq/")
    assert response.status_code == 301
    assert response["Location"] == "https://prepmeet.example.org/faq/"


@pytest.mark.django_db
def test_pages_json_and_errors_carry_the_security_headers(production, prep, owner):
    client = production
    login_page = client.get(reverse("login"))
    assert login_page.status_code == 200
    assert_security_headers(login_page)
    assert_secure_cookie(login_page.cookies["csrftoken"])

    logged_in = client.post(reverse("login"), {"username": "olivia", "password": PASSWORD})
    assert logged_in.status_code == 302
    assert_secure_cookie(logged_in.cookies[settings.SESSION_COOKIE_NAME])

    question = prep.worksheet.questions.first()
    responses = {  # name: (response, the status it must have)
        "home": (client.get("/"), 200),
        "fill page": (client.get(reverse("prep_fill", args=[prep.pk])), 200),
        "admin login": (client.get(reverse("admin:login")), 200),
        "404": (client.get("/no-such-page/"), 404),
        "autosave JSON": (
            client.post(
                reverse("answer_autosave", args=[prep.pk, question.key]), {"text": "x", "version": 0}
            ),
            200,
        ),
        "405": (client.get(reverse("answer_autosave", args=[prep.pk, question.key])), 405),
    }
    for name, (response, status) in responses.items():
        assert response.status_code == status, name
        assert_security_headers(response, html=not response["Content-Type"].startswith("application/json"))


@pytest.mark.django_db
def test_the_pdf_download_has_the_headers_but_no_page_policy(production, prep, owner):
    production.force_login(owner)
    response = production.get(reverse("prep_pdf", args=[prep.pk]))
    assert response.status_code == 200
    assert_security_headers(response, html=False)
    # Nothing may load from a PDF, and nothing may frame it (Chromium's viewer shows it under this policy).
    assert response["Content-Security-Policy"] == (
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    )


def test_the_500_page_needs_no_inline_script_or_style():
    """It is rendered without a request (no nonce): under the policy it may only link files."""
    page = (settings.BASE_DIR / "templates" / "500.html").read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)|<style|\sstyle=", page)
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"] == ["'self'"]


# --- DEBUG off never shows a traceback ----------------------------------------------------------------------


def broken_view(request):
    secret = "SECRET-LOCAL-VARIABLE"  # noqa: F841 - must not appear in the response
    raise RuntimeError("boom: internal detail")


urlpatterns = [path("broken/", broken_view)]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_an_error_shows_the_friendly_500_page_and_no_traceback(production):
    client = Client(
        HTTP_HOST="prepmeet.example.org", HTTP_X_FORWARDED_PROTO="https", raise_request_exception=False
    )
    response = client.get("/broken/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "Something went wrong on our side" in text
    for leak in (
        "Traceback",
        "RuntimeError",
        "boom",
        "SECRET-LOCAL-VARIABLE",
        settings.SECRET_KEY,
        "broken_view",
    ):
        assert leak not in text
    assert_security_headers(response)


@pytest.mark.django_db
def test_a_bad_host_is_a_plain_400(production):
    response = Client(HTTP_HOST="evil.example", HTTP_X_FORWARDED_PROTO="https").get("/")
    assert response.status_code == 400
    assert "Traceback" not in response.content.decode()
    assert "evil.example" not in response.content.decode()


# --- the real thing: collectstatic, gunicorn, WhiteNoise ---------------------------------------------------


def test_gunicorn_with_whitenoise_serves_the_production_recipe(gunicorn_server):  # noqa: F811
    server, database = gunicorn_server
    browser = Browser()
    https = {"X-Forwarded-Proto": "https"}  # what the TLS proxy in front adds

    status, headers, _ = browser.request(server.base_url + "/faq/")
    assert (status, headers["Location"]) == (301, f"https://127.0.0.1:{server.port}/faq/")

    status, headers, body = browser.request(server.base_url + "/accounts/login/", headers=https)
    assert status == 200
    assert_security_headers(headers)
    csrf_cookie = next(cookie for cookie in headers.get_all("Set-Cookie") if cookie.startswith("csrftoken="))
    assert "HttpOnly" in csrf_cookie and "Secure" in csrf_cookie and "SameSite=Lax" in csrf_cookie

    # Static files: hashed names in the page, served compressed and cached for ever by WhiteNoise.
    stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', body)
    assert stylesheet, "the page should link the hashed file name collectstatic made"
    status, headers, css = browser.request(
        server.base_url + stylesheet.group(1).decode(), headers={**https, "Accept-Encoding": "gzip"}
    )
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"] and "max-age=315360000" in headers["Cache-Control"]

    # A server error: the friendly page, the headers, and no traceback.
    with sqlite3.connect(database) as db:
        db.execute("ALTER TABLE worksheets_worksheet RENAME TO worksheets_worksheet_gone")
    status, headers, body = browser.request(server.base_url + "/", headers=https)
    assert status == 500
    text = body.decode()
    assert "Something went wrong on our side" in text
    assert "Traceback" not in text and "worksheets_worksheet" not in text and "OperationalError" not in text
    assert_security_headers(headers)
