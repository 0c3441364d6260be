"""Reads of a user's account."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from core import contributions

from .models import ConvenerDetails, EmailAddress, ProviderIdentity, TimeZonePreference


def email_verified(user) -> bool:
    """Whether the user's current address is the one they proved is theirs."""
    if not user.email:
        return False
    verified = EmailAddress.objects.filter(user=user).values_list("verified_email", flat=True).first()
    return verified is not None and verified.lower() == user.email.lower()


def user_with_email(email: str):
    """The account using ``email`` (any case), or None. Addresses are unique (accounts migration 0001)."""
    return get_user_model()._default_manager.filter(email__iexact=email.strip()).first() if email else None


def user_with_verified_email(email: str):
    """The account whose current address is ``email`` and is verified, or None: the only one an address may
    sign in to."""
    user = user_with_email(email)
    return user if user is not None and email_verified(user) else None


def account_export(user) -> dict:
    """All of one user's meeting preps, answers and briefs as plain data (JSON-ready), for them to keep. The
    apps that hold the data give their sections (``core.contributions.account_export``)."""
    return {
        "format": "prepmeet-export-1",
        "exported_at": timezone.now().isoformat(),
        "user": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            **dict(zip(("title", "contact"), convener_details_of(user), strict=True)),
        },
        **contributions.account_export.collect(user=user),
    }


def account_summary(user) -> dict:
    """What the account page says of the user's data ("You have 3 meeting preps"), asked of each app."""
    return contributions.account_summary.merged(user=user)


def user_for_link(uidb64: str):
    """The user an e-mailed link's ``uidb64`` names, or None for anything else."""
    User = get_user_model()
    try:
        pk = User._meta.pk.to_python(force_str(urlsafe_base64_decode(uidb64)))
        return User._default_manager.filter(pk=pk).first()
    except (TypeError, ValueError, OverflowError, ValidationError):
        return None


def time_zone_of(user) -> str | None:
    """The time zone the user chose, or None (the deployment's applies)."""
    return TimeZonePreference.objects.filter(user=user).values_list("time_zone", flat=True).first()


def signs_in_through_provider(user) -> bool:
    """Whether the user has signed in through an identity provider (single sign-on)."""
    return ProviderIdentity.objects.filter(user=user).exists()


def convener_details_of(user) -> tuple[str, str]:
    """(title, how to reach her) as her meeting briefs print them; blank until she gives them."""
    found = ConvenerDetails.objects.filter(user=user).values_list("title", "contact").first()
    return found or ("", "")
