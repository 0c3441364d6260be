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
