"""The production headers graded by the MDN HTTP Observatory's rules, on real responses.

Each response below (the home page, sign-in and its cookies, the fill page, a notes PDF, the admin, a 404 and
a 500) is fetched under the production settings (DEBUG off, the README's recipe behind a TLS proxy) through
the whole middleware stack, and scored by ``observatory.score`` (the Observatory's tests and modifiers: its
documentation is quoted in observatory.py). Every one must be A+ (100 or more); the expected score of each
is stated, with the rules that make it:

- content-security-policy: no 'unsafe-inline' or 'unsafe-eval', and default-src 'none' (pages name
  scripts, styles, fonts, images and fetches from the site itself; a PDF may load nothing) +10
- cookies (where a response sets any): Secure, HttpOnly (session and CSRF), SameSite=Lax  +5
- referrer-policy: same-origin (no-referrer on pages whose address holds a token) ....... +5
- x-frame-options: via CSP frame-ancestors 'none' (and X-Frame-Options: DENY) ........... +5
- strict-transport-security: a year, includeSubDomains, preload ......................... 0
  (+5 only once the domain is on the browsers' preload list, which no test can check)
- redirection: http:// goes to https:// on the same host ................................ 0
- x-content-type-options: nosniff ....................................................... 0
- cross-origin-resource-sharing: none ................................................... 0
- subresource-integrity: every script from the site itself .............................. 0
- cross-origin-resource-policy: same-origin ............................................. 0

So 125 where the response sets cookies, 120 where it sets none. Not scored by the Observatory, asserted here
too: Permissions-Policy (every powerful feature off), Cross-Origin-Opener-Policy: same-origin, and no
X-XSS-Protection (deprecated; its filter could be used to leak page content). Checked on real gunicorn too.

Before this test: pages 120/115 (default-src 'self': +5, not +10), the PDF 80, a B+ (its policy had no fetch
directive at all, which the Observatory scores as unrestricted scripts: -20, and no bonus under 90).
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from testsupport.factories import PASSWORD, answers_fill
from testsupport.servers import Browser

from . import observatory
from .production import gunicorn_server  # noqa: F401 - the fixture, used below

HOST = "prepmeet.example.org"
WITH_COOKIES, WITHOUT_COOKIES = 125, 120


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [HOST]
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def https_client(**extra) -> Client:
    return Client(HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https", **extra)


def redirection() -> observatory.Result:
    response = Client(HTTP_HOST=HOST).get("/")
    return observatory.redirection_result(response.status_code, response.get("Location", ""), HOST)


def graded(response) -> observatory.Score:
    cookies = [morsel.OutputString() for morsel in response.cookies.values()]
    return observatory.score(
        response.headers, set_cookies=cookies, body=response.content, host=HOST, redirection=redirection()
    )


def assert_top_grade(name, response):
    expected = WITH_COOKIES if response.cookies else WITHOUT_COOKIES
    score = graded(response)
    assert (score.total, score.grade) == (expected, "A+"), f"{name}: {score.explain()}"
    assert "X-XSS-Protection" not in response.headers, name
    assert "camera=()" in response["Permissions-Policy"], name
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", name


@pytest.mark.django_db
def test_every_kind_of_response_scores_a_plus(production, prep, staff):
    answers_fill(prep)
    anonymous = https_client()
    responses = {"home": (anonymous.get("/"), 200)}
    responses["login page"] = (anonymous.get(reverse("login")), 200)  # sets the CSRF cookie
    owner = https_client()
    owner.get(reverse("login"))
    signed_in = owner.post(reverse("login"), {"username": prep.owner.username, "password": PASSWORD})
    responses["sign-in (session cookie)"] = (signed_in, 302)
    responses["fill page"] = (owner.get(reverse("prep_fill", args=[prep.pk])), 200)
    responses["notes PDF"] = (owner.get(reverse("prep_pdf", args=[prep.pk])), 200)
    responses["404"] = (owner.get("/no-such-page/"), 404)
    responses["admin login"] = (anonymous.get(reverse("admin:login")), 200)
    admin = https_client()
    admin.force_login(staff)
    worksheet_change = reverse("admin:worksheets_worksheet_change", args=[prep.worksheet.pk])
    responses["admin worksheet"] = (admin.get(worksheet_change), 200)
    for name, (response, status) in responses.items():
        assert response.status_code == status, name
        assert_top_grade(name, response)
    assert signed_in.cookies[settings.SESSION_COOKIE_NAME]  # the session cookie was scored


@pytest.mark.django_db
@pytest.mark.urls("tests.browser.error_urls")
def test_the_error_page_scores_a_plus(production):
    response = https_client(raise_request_exception=False).get("/test-errors/500/")
    assert response.status_code == 500
    assert_top_grade("500", response)


def test_the_scorer_marks_down_what_falls_short():
    """The scorer is not a rubber stamp: each weakened header costs what the Observatory says."""

    def total(**headers) -> int:
        base = {
            "Content-Security-Policy": "default-src 'none'; script-src 'self'; frame-ancestors 'none'",
            "Strict-Transport-Security": "max-age=31536000",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "same-origin",
            "Content-Type": "text/html",
        }
        base.update({k.replace("_", "-"): v for k, v in headers.items() if v is not None})
        for k in [k.replace("_", "-") for k, v in headers.items() if v is None]:
            base.pop(k)
        ok = observatory.Result("redirection", "redirection-to-https", 0)
        return observatory.score(base, set_cookies=[], body=b"", host=HOST, redirection=ok).total

    assert total() == 120
    unsafe = "default-src 'self'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'"
    assert total(**{"Content_Security_Policy": unsafe}) == 80  # -20, so no bonus either
    assert total(**{"Content_Security_Policy": "default-src 'self'"}) == 80  # no frame-ancestors, no XFO: -20
    assert total(**{"Content_Security_Policy": "default-src 'self'; frame-ancestors 'none'"}) == 115
    assert total(**{"Content_Security_Policy": "frame-ancestors 'none'"}) == 80  # no fetch directive
    assert total(**{"Strict_Transport_Security": None}) == 80
    assert total(**{"X_Content_Type_Options": None}) == 95 + 20  # -5, still 90 or more: bonuses count
    insecure = observatory.cookies_result(["sessionid=x; Path=/; SameSite=Lax"], hsts=False)
    assert insecure.modifier == -40


def test_real_gunicorn_scores_a_plus(gunicorn_server):  # noqa: F811
    server, _ = gunicorn_server
    browser = Browser()
    host = f"127.0.0.1:{server.port}"
    status, headers, _ = browser.request(server.base_url + "/")
    plain = observatory.redirection_result(status, headers.get("Location", ""), host)
    https = {"X-Forwarded-Proto": "https"}
    for path, expected in [
        ("/", WITHOUT_COOKIES),
        ("/accounts/login/", WITH_COOKIES),
        ("/nope/", WITHOUT_COOKIES),
    ]:
        status, headers, body = browser.request(server.base_url + path, headers=https)
        score = observatory.score(
            headers, set_cookies=headers.get_all("Set-Cookie") or [], body=body, host=host, redirection=plain
        )
        assert (score.total, score.grade) == (expected, "A+"), f"{path}: {score.explain()}"
        assert "X-XSS-Protection" not in headers
