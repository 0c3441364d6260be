"""Why a single sign-on was refused, in the site's plain words (the page accounts/sso_views.py shows)."""

from dataclasses import dataclass


@dataclass
class SignInRefused(Exception):
    """A sign-in through the identity provider that must not go on. ``reason`` is logged (never a token or
    secret), ``message`` is shown to the person, with ``status`` (always a 4xx)."""

    reason: str
    message: str
    status: int = 403

    def __str__(self) -> str:
        return self.reason


TRY_AGAIN = (
    "Nothing was changed. Go back to the sign-in page and try again; if it happens again, tell your IT team."
)


def provider_answer_refused(reason: str) -> SignInRefused:
    """The provider's answer failed a check (issuer, audience, expiry, signature, nonce, code)."""
    return SignInRefused(
        reason=reason,
        message="Your organization's sign-in answered in a way prepmeet cannot trust, so you are not signed "
        f"in. {TRY_AGAIN}",
        status=400,
    )
