"""The e-mails anyone can ask for (reset, sign-up and verification links): how often, per client address
(``core.http.client_ip``). django-axes throttles logins.
"""

from django.conf import settings

from core.throttles import Throttle


def mail_throttle_refusing(*, email: str, address: str) -> Throttle | None:
    """Count one e-mail asked for (a reset, sign-up or verification link); the throttle refusing it, if any.

    One budget for every form that sends mail (PASSWORD_RESET_LIMITS): per asking address, and per e-mail
    address together with the asking address, so a stranger cannot use up someone's links. Counted whether or
    not an account has the address, so the limit tells nothing about who has one.
    """
    email = email.strip().lower()
    for scope, key in (("address", address), ("email", f"{email}\0{address}")):
        limit, window = settings.PASSWORD_RESET_LIMITS[scope]
        throttle = Throttle(f"password-reset-{scope}", limit, window)
        if not throttle.hit(key):
            return throttle
    return None
