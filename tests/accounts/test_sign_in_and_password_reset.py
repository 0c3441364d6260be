"""Signing in and out, a wrong password refused with a message, sign-up errors beside their fields, and the
password reset's e-mailed link and page."""

import pytest
from django.core import mail
from django.urls import reverse

from testsupport.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_signup_errors_are_shown_on_their_fields(client, worksheet):
    response = client.post(reverse("signup"), {"email": "not-an-email"})
    assert response.status_code == 400
    assert "Enter a valid email address." in response.text
    assert 'aria-invalid="true"' in response.text


def test_login_and_logout(client, owner):
    response = client.post(reverse("login"), {"username": "olivia", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302


def test_wrong_password_is_refused_with_a_message(client, owner):
    response = client.post(reverse("login"), {"username": "olivia", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.text


def test_password_reset_sends_a_link(client, owner):
    response = client.post(reverse("password_reset"), {"email": "olivia@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_password_reset_page_renders(client, worksheet):
    assert "Reset your password" in client.get(reverse("password_reset")).text
