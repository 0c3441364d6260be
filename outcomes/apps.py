from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = "Meeting outcomes"

    def ready(self):
        from core import contributions  # noqa: PLC0415 - apps register once the registry is loaded

        from . import selectors  # noqa: PLC0415 - selectors import the models

        contributions.prep_export.register("meeting_outcome", selectors.outcome_exports)
