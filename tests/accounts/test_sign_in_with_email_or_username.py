"""Sign in with the e-mail address or the username; lockouts count per account, whichever name is typed."""

import re

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from testsupport.factories import PASSWORD, user_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache(private_cache):
    """Each test's own cache (the password-reset counts), as tests/security/test_brute_force.py does."""


def log_in(name, password=PASSWORD, *, address="198.51.100.1", path=None):
    client = Client(REMOTE_ADDR=address)
    response = client.post(path or reverse("login"), {"username": name, "password": password})
    return client, response


def test_the_login_field_says_it_takes_either_name(client):
    html = client.get(reverse("login")).text
    assert "E-mail address or username" in html


@pytest.mark.parametrize(
    "name", ["olivia", "olivia@example.org", "Olivia@Example.ORG", " olivia@example.org "]
)
def test_sign_in_with_the_username_or_the_email_address(name):
    user = user_create("olivia", email_verified=True)
    client, response = log_in(name)
    assert response.status_code == 302, response.text[:500]
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(reverse("dashboard")).status_code == 200  # the session's backend is a configured one


def test_a_wrong_password_with_the_email_address_is_refused():
    user_create("olivia", email_verified=True)
    client, response = log_in("olivia@example.org", "wrong password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_an_address_not_yet_verified_signs_in_nowhere():
    """Anyone can type any address at sign-up; only one its owner verified signs in (issue 13, point 8)."""
    user_create("olivia")
    client, response = log_in("olivia@example.org")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert log_in("olivia")[1].status_code == 302  # the username still works


def test_the_admin_login_takes_the_email_address_too():
    user_create("sam", is_staff=True, is_superuser=True, email_verified=True)
    client, response = log_in("sam@example.org", path=reverse("admin:login"))
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_failures_count_per_account_whichever_name_is_typed():
    """django-axes records every failure under the account's username, whichever name was typed, so its
    per-account counts (username and address together) add up across the two names."""
    user_create("olivia", email_verified=True)
    for name in ["olivia", "olivia@example.org", "OLIVIA@example.org", "olivia", "olivia@example.org"]:
        _, response = log_in(name, "wrong password")
        assert response.status_code in (200, 429)
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"olivia"}
    assert AccessAttempt.objects.get().failures_since_start == 5
    for name in ["olivia", "olivia@example.org"]:
        client, response = log_in(name)
        assert response.status_code == 429, name
        assert "_auth_user_id" not in client.session
    # An unknown name is still counted, under what was typed.
    log_in("nobody@example.org", "wrong password", address="198.51.100.2")
    assert AccessAttempt.objects.filter(username="nobody@example.org").exists()


def test_sign_up_keeps_what_was_typed_and_shows_each_error_beside_its_field(client, worksheet):
    response = client.post(
        reverse("signup"), {"email": "carmen at example.org", "first_name": "Carmen", "last_name": "Ortiz"}
    )
    assert response.status_code == 400
    html = response.text
    for name, value in [("email", "carmen at example.org"), ("first_name", "Carmen"), ("last_name", "Ortiz")]:
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert f'value="{value}"' in tag, tag
    # Each error beside its field: the address's error is announced with the address's input.
    email = re.search(r'<input[^>]*name="email"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in email
    assert re.search(r'id="error_\d+_id_email"', html)
