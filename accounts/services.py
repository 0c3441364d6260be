"""Writes to a user's account, and the e-mails that prove an address."""

import logging
import secrets
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify

from core.mail import mail_render
from core.users import validate_person_name

from . import selectors
from .models import ConvenerDetails, EmailAddress, ProviderIdentity, TimeZonePreference
from .sso_refusals import SignInRefused
from .time_zones import time_zone_names
from .tokens import email_verification_token

logger = logging.getLogger(__name__)


def account_delete(*, user) -> None:
    """The user and everything they wrote: their meeting preps and answers go with them (CASCADE)."""
    with transaction.atomic():
        user.delete()


def signup_request(*, email: str, first_name: str, last_name: str, link_base: str) -> None:
    """Someone asked for an account at ``email``: whatever the case, one e-mail goes to that address.

    Sign-up answers the same page whether or not the address has an account, so the page tells no one which
    addresses exist; only the address's owner reads which it was. A new address gets an account with no
    password yet and a link to choose one (following it proves the address). An address an account uses gets
    a note instead, with a link to sign in or reset the password (or, if that account never chose a password,
    its sign-up link again). The account's username is derived, never chosen (``username_derive``), so there
    is no username to be told is taken. Nobody knows the new account's password until the address's owner
    sets it, so a stranger who signs up with someone else's address cannot wait for them to use it.
    """
    user = selectors.user_with_email(email)
    if user is None:
        try:
            with transaction.atomic():
                user = get_user_model()._default_manager.create_user(
                    username=username_derive(email), email=email, first_name=first_name, last_name=last_name
                )
        except IntegrityError:  # the same address signed up a moment ago, in another request
            user = selectors.user_with_email(email)
        else:
            return _mail(user, "welcome", link_base=link_base)
    _mail(user, "welcome" if not user.has_usable_password() else "already", link_base=link_base)


def username_derive(email: str) -> str:
    """A username for a new account: the address's first part and random characters, free in the table.

    Always with the random part, so a username says nothing about which other usernames exist. One signs in
    with the e-mail address; the username also works and the account page shows it.
    """
    User = get_user_model()
    stem = slugify(email.partition("@")[0])[:30] or "user"
    while True:
        username = f"{stem}-{secrets.token_hex(3)}"
        if not User._default_manager.filter(username__iexact=username).exists():
            return username


def verification_send(*, user, link_base: str) -> bool:
    """Send the link that verifies ``user``'s current address; False when there is nothing to verify."""
    if not user.email or selectors.email_verified(user):
        return False
    _mail(user, "verify", link_base=link_base)
    return True


def email_mark_verified(*, user) -> None:
    """Record that ``user`` proved their current address is theirs (a sign-up, verification or reset link)."""
    if user.email:
        EmailAddress.objects.update_or_create(
            user=user, defaults={"verified_email": user.email, "verified_at": timezone.now()}
        )


def _mail(user, kind: str, *, link_base: str) -> None:
    """One of the account e-mails (registration/email/<kind>.txt) to the user's address."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_verification_token.make_token(user)
    links = {
        "welcome": reverse("signup_confirm", args=[uid, token]),
        "verify": reverse("email_verify", args=[uid, token]),
        "already": reverse("login"),
    }
    context = {
        "user": user,
        "link": link_base + links[kind],
        "reset_link": link_base + reverse("password_reset"),
    }
    subject, body = mail_render(f"registration/email/{kind}", context)
    send_mail(subject, body, None, [user.email])


def login_failures_clear(*, username: str) -> int:
    """Forget django-axes' failed logins for ``username`` (from every address): after a password reset by
    e-mail, the owner of the address proved who they are, so no lockout stands."""
    from axes.utils import reset  # noqa: PLC0415 - axes' utils read settings at import

    return reset(username=username)


def user_name_set(*, user, first_name: str, last_name: str, title: str = "", contact: str = "") -> None:
    """Save the user's name (``core.users.validate_person_name``; ValidationError otherwise), and the title
    and contact her meeting briefs print: one line each."""
    for value in (first_name, last_name):
        validate_person_name(value)
    for label, value in (("Your title", title), ("How to reach you", contact)):
        if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in value):
            raise ValidationError(f"{label} must be one line.", code="one_line")
    with transaction.atomic():
        user.first_name, user.last_name = first_name, last_name
        user.save(update_fields=["first_name", "last_name"])
        ConvenerDetails.objects.update_or_create(
            user=user, defaults={"title": title.strip(), "contact": contact.strip()}
        )


def time_zone_set(*, user, name: str) -> str:
    """Save the user's time zone (an IANA name from ``time_zones.time_zone_names``); ValidationError for
    any other. The name as saved."""
    if name not in time_zone_names():
        raise ValidationError("Choose a time zone from the list.", code="invalid_choice")
    TimeZonePreference.objects.update_or_create(user=user, defaults={"time_zone": name})
    return name


@dataclass(frozen=True)
class ProviderClaims:
    """What a verified sign-in at an OpenID provider says of the person (accounts/sso.py reads it)."""

    issuer: str
    subject: str
    email: str
    email_verified: bool
    first_name: str = ""
    last_name: str = ""


def sso_sign_in(*, claims: ProviderClaims):
    """The user a provider's verified sign-in is: found by (issuer, subject); at a first sign-in, the account
    with that address (linked only when the provider vouches for the address) or a new one. SignInRefused
    for an address outside SSO_ALLOWED_DOMAINS or not verified.

    Two first sign-ins at once (two tabs) both find nothing and both insert: the database's unique
    constraints refuse the second, which then finds what the first made.
    """
    _sso_claims_check(claims)
    try:
        with transaction.atomic():
            return _sso_user(claims)
    except IntegrityError:
        logger.info("single sign-on: a concurrent first sign-in made the account; using it")
        with transaction.atomic():
            return _sso_user(claims)


def _sso_claims_check(claims: ProviderClaims) -> None:
    domain = claims.email.rpartition("@")[2].lower()
    if not claims.email or "@" not in claims.email:
        raise SignInRefused(
            reason="no e-mail address in the claims",
            message="Your organization's sign-in did not tell prepmeet your e-mail address, so you are not "
            "signed in. Ask your IT team to send it (SSO_EMAIL_CLAIM, docs/configuration.md).",
        )
    if settings.SSO_ALLOWED_DOMAINS and domain not in settings.SSO_ALLOWED_DOMAINS:
        raise SignInRefused(
            reason=f"domain {domain} not allowed",
            message=f"Addresses at {domain} cannot sign in to this prepmeet. Sign in with your work account.",
        )
    if not (claims.email_verified or settings.SSO_EMAIL_ALWAYS_VERIFIED):
        raise SignInRefused(
            reason="e-mail address not verified by the provider",
            message="Your organization's sign-in has not confirmed that this e-mail address is yours, so "
            "prepmeet cannot use it. Confirm your address with your IT team, then sign in again.",
        )


def _sso_user(claims: ProviderClaims):
    now = timezone.now()
    identity = (
        ProviderIdentity.objects.select_related("user")
        .filter(issuer=claims.issuer, subject=claims.subject)
        .first()
    )
    if identity is not None:
        identity.last_sign_in_at = now
        identity.save(update_fields=["last_sign_in_at"])
        return identity.user
    user = selectors.user_with_email(claims.email)
    if user is not None and user.is_superuser:
        raise SignInRefused(
            reason="address belongs to a superuser",
            message="This address belongs to an administrator account, which signs in with its password at "
            "the admin's login page.",
        )
    if user is None:
        user = get_user_model()._default_manager.create_user(
            username=username_derive(claims.email),
            email=claims.email,
            first_name=_name_or_blank(claims.first_name),
            last_name=_name_or_blank(claims.last_name),
        )  # no usable password: this account signs in through the provider
        logger.info("single sign-on created user %s", user.pk)
    else:
        logger.info("single sign-on linked user %s", user.pk)
    ProviderIdentity.objects.create(
        user=user, issuer=claims.issuer, subject=claims.subject, last_sign_in_at=now
    )
    email_mark_verified(user=user)  # the provider vouched for it
    return user


def _name_or_blank(name: str) -> str:
    """A name from the provider, kept when it could go into an e-mail (``validate_person_name``)."""
    name = name.strip()[:150]
    try:
        validate_person_name(name)
    except ValidationError:
        return ""
    return name
