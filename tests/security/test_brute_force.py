"""Guessing passwords is slowed to a stop: lockouts per account and per address that end by themselves.

Logins (the site's and the admin's) are counted by django-axes: LOGIN_FAILURE_LIMIT (5) failures for one
username from one address, or from one address for any usernames, lock that username at that address / that
address out for LOGIN_COOLOFF_MINUTES (15) after the last failure, with a page that says so (429). Never per
username alone: a stranger cannot lock a named director or the admin out (OWASP), and a reset e-mail ends a
lockout. Password reset e-mails are limited per address and per e-mail address together with the address
asking (PASSWORD_RESET_LIMITS) by a counter in Django's cache.
"""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core import http, throttles
from testsupport.factories import PASSWORD, user_create

pytestmark = pytest.mark.django_db

LIMIT = 5


@pytest.fixture(autouse=True)
def empty_cache(private_cache):
    """The reset counts start at zero in a cache of each test's own: clearing the configured cache would
    empty a whole Redis database when the suite runs with REDIS_URL."""


def log_in(username, password, *, address="198.51.100.1", path=None):
    client = Client(REMOTE_ADDR=address)
    response = client.post(path or reverse("login"), {"username": username, "password": password})
    return client, response


def fail(username, times, *, address="198.51.100.1"):
    for _ in range(times):
        _, response = log_in(username, "wrong password", address=address)
        assert response.status_code in (200, 429)


def assert_locked_out(response):
    assert response.status_code == 429
    assert "Too many attempts" in response.text
    assert "Try again in 15 minutes" in response.text
    assert int(response["Retry-After"]) == 15 * 60


def test_settings_are_the_documented_ones(settings):
    assert settings.AXES_FAILURE_LIMIT == LIMIT
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"], "ip_address"]


def test_the_right_password_still_works_before_the_limit(owner):
    fail("olivia", LIMIT - 1)
    _, response = log_in("olivia", PASSWORD)
    assert response.status_code == 302


def test_an_account_is_locked_after_five_failures_even_with_the_right_password(owner):
    fail("olivia", LIMIT)
    client, response = log_in("olivia", PASSWORD)
    assert_locked_out(response)
    assert "_auth_user_id" not in client.session


def test_a_stranger_cannot_lock_a_named_director_out(owner):
    """Per username and address together: a stranger's failures lock out the stranger, not the account."""
    fail("olivia", LIMIT, address="203.0.113.66")
    assert_locked_out(log_in("olivia", PASSWORD, address="203.0.113.66")[1])
    _, response = log_in("olivia", PASSWORD, address="192.0.2.200")
    assert response.status_code == 302


def test_a_stranger_cannot_lock_the_admin_out(staff):
    for _ in range(LIMIT):
        log_in("stella", "wrong password", address="203.0.113.67", path=reverse("admin:login"))
    _, response = log_in("stella", PASSWORD, address="192.0.2.201", path=reverse("admin:login"))
    assert response.status_code == 302


def test_a_locked_out_user_gets_back_in_through_a_reset_email(owner, settings):
    fail("olivia", LIMIT)
    assert_locked_out(log_in("olivia", PASSWORD)[1])
    client = Client(REMOTE_ADDR="198.51.100.1")
    assert client.post(reverse("password_reset"), {"email": "olivia@example.org"}).status_code == 302
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line).strip()
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new_password = "a new long passphrase 42"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
    )
    assert done.status_code == 302
    _, response = log_in("olivia", new_password)
    assert response.status_code == 302


def test_an_address_is_locked_for_every_account(owner, outsider):
    """Per address: one address trying many usernames is stopped, whichever account it tries next."""
    for number in range(LIMIT):
        fail(f"guess{number}", 1, address="198.51.100.9")
    _, response = log_in("oscar", PASSWORD, address="198.51.100.9")
    assert_locked_out(response)
    _, elsewhere = log_in("oscar", PASSWORD, address="198.51.100.10")
    assert elsewhere.status_code == 302  # the same account from another address is not locked


def test_the_lockout_ends_by_itself_after_the_cool_off(owner):
    fail("olivia", LIMIT)
    assert_locked_out(log_in("olivia", PASSWORD)[1])
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=15, seconds=1))
    _, response = log_in("olivia", PASSWORD)
    assert response.status_code == 302


def test_a_success_clears_the_count(owner):
    fail("olivia", LIMIT - 1)
    assert log_in("olivia", PASSWORD)[1].status_code == 302
    fail("olivia", LIMIT - 1)
    assert log_in("olivia", PASSWORD)[1].status_code == 302


def test_the_admin_login_is_locked_too(staff):
    for _ in range(LIMIT):
        log_in("stella", "wrong password", path=reverse("admin:login"))
    _, response = log_in("stella", PASSWORD, path=reverse("admin:login"))
    assert_locked_out(response)


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.77")
    assert http.client_ip(request) == "198.51.100.77"  # not what the client wrote first
    settings.TRUSTED_PROXY_COUNT = 0
    assert http.client_ip(request) == "10.0.0.2"  # no proxy: the header is the client's to invent


def test_the_header_counts_only_from_a_trusted_proxy(rf, settings):
    """Reaching the app directly, a client cannot rotate X-Forwarded-For to escape the per-address lockout."""
    import ipaddress

    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = (ipaddress.ip_network("10.0.0.0/8"),)
    direct = rf.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert http.client_ip(direct) == "203.0.113.9"
    proxied = rf.get("/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert http.client_ip(proxied) == "198.51.100.1"
    ipv6 = rf.get("/", REMOTE_ADDR="2001:db8::1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert http.client_ip(ipv6) == "2001:db8::1"


# --- password reset ---------------------------------------------------------------------------------------


def ask_reset(email, *, address="198.51.100.1"):
    return Client(REMOTE_ADDR=address).post(reverse("password_reset"), {"email": email})


def test_reset_links_per_email_are_limited(owner, settings):
    per_email = settings.PASSWORD_RESET_LIMITS["email"][0]
    for _ in range(per_email):
        assert ask_reset("olivia@example.org", address="203.0.113.1").status_code == 302
    response = ask_reset("olivia@example.org", address="203.0.113.1")
    assert response.status_code == 429
    assert "Too many password reset links" in response.text
    assert len(mail.outbox) == per_email


def test_a_stranger_cannot_use_up_someone_elses_reset_links(owner, settings):
    per_email = settings.PASSWORD_RESET_LIMITS["email"][0]
    for _ in range(per_email + 1):
        ask_reset("olivia@example.org", address="203.0.113.9")
    assert ask_reset("olivia@example.org", address="192.0.2.50").status_code == 302


def test_reset_links_per_address_are_limited(owner, settings):
    per_address = settings.PASSWORD_RESET_LIMITS["address"][0]
    for number in range(per_address):
        assert ask_reset(f"someone{number}@example.org", address="198.51.100.3").status_code == 302
    response = ask_reset("olivia@example.org", address="198.51.100.3")
    assert response.status_code == 429
    assert not mail.outbox  # the one real account asked for last got nothing either
    assert ask_reset("olivia@example.org", address="198.51.100.4").status_code == 302


def test_the_email_limit_does_not_tell_who_has_an_account(owner, settings):
    per_email = settings.PASSWORD_RESET_LIMITS["email"][0]
    for _ in range(per_email):
        ask_reset("nobody@example.org", address="203.0.113.1")
    assert ask_reset("nobody@example.org", address="203.0.113.1").status_code == 429


def test_reset_limit_ends_by_itself(owner, settings, monkeypatch):
    per_email, window = settings.PASSWORD_RESET_LIMITS["email"]
    clock = SimpleNamespace(now=1_800_000_000.0)
    monkeypatch.setattr(throttles, "time", SimpleNamespace(time=lambda: clock.now))
    for _ in range(per_email):
        ask_reset("olivia@example.org", address="203.0.113.1")
    assert ask_reset("olivia@example.org", address="203.0.113.1").status_code == 429
    clock.now += window.total_seconds()
    assert ask_reset("olivia@example.org", address="203.0.113.1").status_code == 302


def test_the_throttle_counts_in_any_cache_backend(settings):
    """Only add/incr/set of Django's cache API: the same count in the database cache as in memory or Redis."""
    from django.core.cache import caches
    from django.core.management import call_command

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "throttle"}
    }
    call_command("createcachetable", verbosity=0)
    assert caches["default"].__class__.__name__ == "DatabaseCache"
    throttle = throttles.Throttle("test", 2, timedelta(minutes=1))
    assert [throttle.hit("key") for _ in range(3)] == [True, True, False]


def test_a_user_sees_no_lockout_page_for_a_plain_wrong_password(django_user_model):
    user_create("pat")
    _, response = log_in("pat", "wrong password")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.text
