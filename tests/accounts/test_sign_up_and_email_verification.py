"""Sign-up and e-mail verification: addresses unique (any case) and verified before they sign in; sign-up
tells nobody which addresses or usernames exist.

Sign-up asks for the address and the name only. Every valid sign-up answers the same "check your e-mail"
page; the address gets either a link to choose the password (a new account; following it verifies the
address and signs in) or a note that it already has an account. Usernames are derived with a random part, so
none is ever "taken". The account page sends a verification link for an address not yet verified (accounts
made before, or changed in the admin). Links are single-use, expire, and their pages send no Referer.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from accounts import selectors
from accounts.tokens import email_verification_token
from testsupport.factories import PASSWORD, user_create

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a long enough passphrase 42"
LINK = re.compile(r"https?://\S+/accounts/(?:welcome|verify)/\S+/")


@pytest.fixture(autouse=True)
def empty_cache(private_cache):
    """The e-mail counts start at zero in this test's own cache."""


def sign_up(email, *, address="198.51.100.1", **names):
    client = Client(REMOTE_ADDR=address)
    response = client.post(reverse("signup"), {"email": email, **names})
    return client, response


def link_in(message) -> str:
    return LINK.search(message.body).group(0)


def log_in(name, password=PASSWORD):
    client = Client()
    response = client.post(reverse("login"), {"username": name, "password": password})
    return client, response


def test_sign_up_mails_a_link_that_sets_the_password_verifies_and_signs_in(worksheet):
    client, response = sign_up("Carmen.Ortiz@example.org", first_name="Carmen", last_name="Ortiz")
    assert response.status_code == 302 and response.url == reverse("signup_done")
    user = get_user_model().objects.get(email="Carmen.Ortiz@example.org")
    assert not user.has_usable_password()  # nobody knows a password yet: no one can sign in before the link
    assert user.get_full_name() == "Carmen Ortiz"
    assert "_auth_user_id" not in client.session
    (message,) = mail.outbox
    assert message.to == ["Carmen.Ortiz@example.org"]
    assert "choose your password" in message.body

    first = client.get(link_in(message))
    assert first.status_code == 302 and first.url.endswith("/set-password/")  # the token leaves the address
    assert first["Referrer-Policy"] == "no-referrer"
    form = client.get(first.url)
    # The form's own page keeps the site's policy: a form posted from a no-referrer page sends "Origin: null",
    # which the CSRF check refuses (Chromium did, in tests/browser/test_accessibility.py).
    assert form.status_code == 200 and form["Referrer-Policy"] == "same-origin"
    assert 'autocomplete="new-password"' in form.text
    done = client.post(first.url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done.url == reverse("prep_create")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(reverse("prep_create")).status_code == 200
    user.refresh_from_db()
    assert selectors.email_verified(user)
    assert log_in("carmen.ortiz@EXAMPLE.org", NEW_PASSWORD)[1].status_code == 302  # by the address, any case


def test_the_sign_up_link_works_once():
    client, _ = sign_up("nadia@example.org")
    link = link_in(mail.outbox[0])
    set_password = client.get(link).url
    client.post(set_password, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = Client().get(link)
    assert again.status_code == 200 and "This link has expired" in again.text


def test_the_sign_up_link_expires(settings, monkeypatch):
    sign_up("nadia@example.org")
    link = link_in(mail.outbox[0])
    later = email_verification_token._now() + __import__("datetime").timedelta(
        seconds=settings.PASSWORD_RESET_TIMEOUT + 1
    )
    monkeypatch.setattr(type(email_verification_token), "_now", lambda self: later)
    response = Client().get(link)
    assert response.status_code == 200 and "This link has expired" in response.text


def test_an_address_already_used_gets_the_same_answer_and_its_owner_an_email(owner):
    """The page cannot tell a used address from a new one; only the address's owner reads which it was."""
    _, for_new = sign_up("newcomer@example.org", first_name="N")
    mail.outbox.clear()
    client, for_used = sign_up("OLIVIA@example.org", first_name="N")
    assert (for_used.status_code, for_used.url) == (for_new.status_code, for_new.url)
    assert client.get(for_used.url).text == Client().get(for_new.url).text
    assert get_user_model().objects.filter(email__iexact="olivia@example.org").count() == 1
    (message,) = mail.outbox
    assert message.to == ["olivia@example.org"]
    assert "an account already uses it" in message.body
    assert not LINK.search(message.body)  # no link that could change the existing account
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)


def test_signing_up_again_before_choosing_a_password_sends_the_link_again():
    sign_up("nadia@example.org")
    sign_up("nadia@example.org")
    assert len(mail.outbox) == 2 and all("/accounts/welcome/" in m.body for m in mail.outbox)
    assert get_user_model().objects.filter(email="nadia@example.org").count() == 1


def test_usernames_are_derived_so_none_is_ever_taken(client, owner):
    """No username field to be told "already exists"; the derived one always has a random part, so it says
    nothing about which others exist (an "olivia" exists here, and the new one is not told)."""
    html = client.get(reverse("signup")).text
    assert 'name="username"' not in html and 'name="password1"' not in html
    sign_up("olivia@elsewhere.example")
    sign_up("olivia@another.example")
    names = sorted(
        get_user_model().objects.filter(email__endswith=".example").values_list("username", flat=True)
    )
    assert len(names) == 2 and names[0] != names[1]
    assert all(re.fullmatch(r"olivia-[0-9a-f]{6}", name) for name in names), names


def test_a_sign_up_link_cannot_set_the_password_of_an_account_that_has_one(owner):
    """The verification token of an account with a password is refused by the sign-up page."""
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(owner.pk))
    link = reverse("signup_confirm", args=[uid, email_verification_token.make_token(owner)])
    response = Client().get(link)
    assert response.status_code == 200 and "This link has expired" in response.text


def test_sign_up_emails_are_limited_per_address(settings):
    per_email = settings.PASSWORD_RESET_LIMITS["email"][0]
    for _ in range(per_email):
        assert sign_up("nadia@example.org")[1].status_code == 302
    response = sign_up("nadia@example.org")[1]
    assert response.status_code == 429 and "Retry-After" in response
    assert len(mail.outbox) == per_email


# --- verifying an existing account's address ----------------------------------------------------------------


def test_the_account_page_sends_a_link_that_verifies_the_address(owner):
    client = Client()
    client.force_login(owner)
    page = client.get(reverse("account"))
    assert "is not verified yet" in page.text and "Send the confirmation link" in page.text
    assert log_in("olivia@example.org")[1].status_code == 200  # not yet by the address

    assert client.post(reverse("email_verify_send")).status_code == 302
    link = link_in(mail.outbox[0])
    assert "/accounts/verify/" in link
    moved = client.get(link)  # the token leaves the address for the session
    assert moved.status_code == 302 and moved["Referrer-Policy"] == "no-referrer"
    assert moved.url.endswith("/confirm/")
    confirm = client.get(moved.url)  # a page with a button: opening the link (a mail scanner) changes nothing
    assert confirm.status_code == 200 and "Confirm" in confirm.text and not selectors.email_verified(owner)
    done = client.post(moved.url)
    assert done.status_code == 302 and done.url == reverse("account")
    assert selectors.email_verified(owner)
    assert "olivia@example.org is verified" in client.get(reverse("account")).text
    assert log_in("olivia@example.org")[1].status_code == 302

    client.get(link)
    again = client.post(moved.url)  # single use
    assert again.status_code == 400 and "This link has expired" in again.text


def test_a_link_for_an_old_address_verifies_nothing(owner):
    client = Client()
    client.force_login(owner)
    client.post(reverse("email_verify_send"))
    link = link_in(mail.outbox[0])
    owner.email = "olivia@new.example"
    owner.save()
    assert client.post(client.get(link).url).status_code == 400
    assert not selectors.email_verified(owner)


def test_a_changed_address_is_no_longer_verified():
    user = user_create("olivia", email_verified=True)
    assert selectors.email_verified(user)
    user.email = "someone-else@example.org"
    user.save()
    assert not selectors.email_verified(user)
    assert log_in("someone-else@example.org")[1].status_code == 200


def test_a_password_reset_by_email_verifies_the_address(owner):
    client = Client()
    client.post(reverse("password_reset"), {"email": "olivia@example.org"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line).strip()
    form = client.get(link, follow=True)
    assert form.redirect_chain[-1][0].endswith("/set-password/")
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert selectors.email_verified(owner)


def test_a_verification_link_is_not_a_reset_link(owner):
    """Separate salts: the verification token does not open the reset form."""
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(owner.pk))
    token = email_verification_token.make_token(owner)
    response = Client().get(reverse("password_reset_confirm", args=[uid, token]))
    assert response.status_code == 200 and "This link has expired" in response.text


# --- unique addresses ---------------------------------------------------------------------------------------


def test_the_database_refuses_an_address_another_account_has_in_any_case(owner):
    with pytest.raises(IntegrityError), transaction.atomic():
        user_create("oscar", email="Olivia@Example.ORG")
    user_create("nobody1", email="")
    user_create("nobody2", email="")  # accounts without an address (a superuser made without one) are fine


def test_the_admin_refuses_an_address_another_account_has(owner, outsider, staff):
    client = Client()
    client.force_login(staff)
    url = reverse("admin:auth_user_change", args=[outsider.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "username": outsider.username,
        "email": "OLIVIA@example.org",
        "first_name": "",
        "last_name": "",
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "email_address-TOTAL_FORMS": "0",
        "email_address-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Another account already uses this e-mail address." in response.text
    outsider.refresh_from_db()
    assert outsider.email == "oscar@example.org"
