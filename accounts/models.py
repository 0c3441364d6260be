"""What the account adds to Django's user: which e-mail address its owner proved they read."""

from django.conf import settings
from django.db import models


class EmailAddress(models.Model):
    """The address a user proved is theirs by following a link sent to it.

    The address is kept, not only a flag: verified means this address is the user's current one
    (``accounts.selectors.email_verified``), so an address changed later (in the admin) is unverified until
    its own link is followed, with no flag to forget to reset.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="email_address"
    )
    verified_email = models.EmailField(max_length=254)
    verified_at = models.DateTimeField()

    class Meta:
        verbose_name = "verified e-mail address"
        verbose_name_plural = "verified e-mail addresses"

    def __str__(self) -> str:
        return f"{self.verified_email} (verified)"


class ConvenerDetails(models.Model):
    """Her title and how to reach her, given once on the account page: every meeting brief she hands out
    names her with them ("Convened by")."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="convener_details",
    )
    title = models.CharField(max_length=200, blank=True)
    contact = models.CharField("how to reach you", max_length=200, blank=True)

    def __str__(self) -> str:
        return f"Convener details of user {self.user_id}"


class TimeZonePreference(models.Model):
    """The time zone a user chose on the account page: today's date (a meeting has passed, a commitment is
    overdue), times shown and calendar events are in it. Without one: the deployment's ``TIME_ZONE``, or
    the browser's as the account page suggests (``accounts.time_zones``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="time_zone_preference",
    )
    time_zone = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"Time zone of user {self.user_id}"


class ProviderIdentity(models.Model):
    """Who a user is at an OpenID provider: its issuer and the subject it names them by (accounts/sso.py).

    A returning user is found by this pair, never by e-mail address: an address can change hands at the
    provider, a subject does not. One user may have identities at several providers; one identity is one user.
    """

    issuer = models.CharField(max_length=255)
    subject = models.CharField(max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provider_identities"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_sign_in_at = models.DateTimeField()

    class Meta:
        verbose_name = "single sign-on identity"
        verbose_name_plural = "single sign-on identities"
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="provider_identity_unique_subject")
        ]

    def __str__(self) -> str:
        return f"{self.subject} at {self.issuer}"
