"""The link that proves an e-mail address is its account's: signed, expiring, single-use.

Django's password-reset token (an HMAC of the user's state and a timestamp, compared in constant time) with
its own salt, so a reset link can never stand in for a verification link or the reverse. The state hashed is
the password hash, the current address and the address verified: setting the password (the
sign-up link) or verifying (the account page's link) changes it, so a link works once; a changed address
makes the links sent to the old one worthless. (Not the last login, unlike a reset link: signing in on another
device must not spoil a verification link on its way.) Links expire as reset links do (PASSWORD_RESET_TIMEOUT,
Django's default three days).
"""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.tokens.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user, timestamp: int) -> str:
        verified = getattr(getattr(user, "email_address", None), "verified_email", "")
        return f"{user.pk}{user.password}{timestamp}{user.email.lower()}\0{verified.lower()}"


email_verification_token = EmailVerificationTokenGenerator()
