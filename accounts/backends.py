"""Sign in with the e-mail address or the username (issue 11, point 11).

``EmailOrUsernameBackend`` accepts either name in the login form's one field. ``lockout_name`` is django-axes'
``AXES_USERNAME_CALLABLE``: it turns whatever was typed into the account's username, so failures count per
account whichever name is typed (five with the e-mail address and the username is locked too).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .selectors import user_with_verified_email


def account_for_login_name(name: str | None):
    """The user a typed name means: the username first (exactly, as Django compares it), else the account
    whose verified e-mail address it is (case-insensitive; addresses are unique). An address not yet verified
    signs in nowhere: anyone can type any address at sign-up (issue 13, point 8)."""
    if not name:
        return None
    User = get_user_model()
    user = User._default_manager.filter(**{User.USERNAME_FIELD: name}).first()
    if user is None and "@" in name:
        user = user_with_verified_email(name)
    return user


class EmailOrUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = account_for_login_name(username)
        if user is None:
            # Run the hasher once anyway, as ModelBackend does, so a missing account takes as long as a wrong
            # password.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def user_can_authenticate(self, user) -> bool:
        """With SSO_ONLY only superusers sign in with a password (at the admin's login: the site's login form
        is off), and a session another user opened with a password ends at its next request."""
        return super().user_can_authenticate(user) and (user.is_superuser or not settings.SSO_ONLY)


def lockout_name(request, credentials) -> str | None:
    """The name django-axes counts failures under: the account's username when the typed name (username or
    e-mail) is an account's, else what was typed, so unknown names are still counted."""
    typed = (credentials or {}).get("username")
    user = account_for_login_name(typed)
    return user.get_username() if user else typed
