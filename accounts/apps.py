from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-up, sign-in, the account page (export and deletion) and the throttles that guard them."""

    name = "accounts"
    verbose_name = "Accounts"
