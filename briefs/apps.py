from django.apps import AppConfig


class BriefsConfig(AppConfig):
    name = "briefs"
    verbose_name = "meeting briefs"

    def ready(self):
        from core import contributions  # noqa: PLC0415 - apps register once the registry is loaded

        from . import selectors  # noqa: PLC0415 - selectors import the models

        contributions.prep_export.register("meeting_brief", selectors.brief_exports)
