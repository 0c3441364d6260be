from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-up, sign-in, the account page (export and deletion) and the throttles that guard them."""

    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from django.contrib.auth import get_user_model  # noqa: PLC0415
        from django.db.models.signals import post_delete  # noqa: PLC0415

        from . import sessions, time_zones  # noqa: F401, PLC0415 - time_zones connects the login signal

        # A deleted account is signed out everywhere, and what its sessions held is gone (sessions.py).
        user_model = get_user_model()
        post_delete.connect(sessions.on_user_deleted, sender=user_model, dispatch_uid="accounts.sessions")
