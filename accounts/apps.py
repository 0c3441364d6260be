from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-up, sign-in, the account page (export and deletion) and the throttles that guard them."""

    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import time_zones  # noqa: F401, PLC0415 - connects the login signal (the session's time zone)
