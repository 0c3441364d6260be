from django.apps import AppConfig


class PrepsConfig(AppConfig):
    """A director's meeting preps: one filled copy of a worksheet for one meeting, and its answers."""

    name = "preps"
    verbose_name = "Meeting preps"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The account's pages ask each app for its part (accounts sits below preps in the app order).
        from core import contributions  # noqa: PLC0415 - apps register once the registry is loaded

        from . import selectors  # noqa: PLC0415 - selectors import the models

        contributions.account_summary.register("preps", selectors.account_summary)
        contributions.account_export.register("meeting_preps", selectors.meeting_preps_export)
