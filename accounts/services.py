"""Writes to a user's account."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction


def account_delete(*, user) -> None:
    """The user and everything they wrote: their meeting preps and answers go with them (CASCADE)."""
    with transaction.atomic():
        user.delete()


def account_create(*, form) -> AbstractBaseUser:
    """The new account a valid sign-up form describes."""
    with transaction.atomic():
        return form.save()


def login_failures_clear(*, username: str) -> int:
    """Forget django-axes' failed logins for ``username`` (from every address): after a password reset by
    e-mail, the owner of the address proved who they are, so no lockout stands."""
    from axes.utils import reset  # noqa: PLC0415 - axes' utils read settings at import

    return reset(username=username)
