from django.apps import AppConfig


class BriefsConfig(AppConfig):
    name = "briefs"
    verbose_name = "meeting briefs"

    def ready(self):
        # Imported once the apps are loaded: selectors and services import the models.
        from core import contributions  # noqa: PLC0415
        from preps.signals import prep_duplicated  # noqa: PLC0415

        from . import selectors, services  # noqa: PLC0415

        contributions.prep_export.register("meeting_brief", selectors.brief_exports)
        prep_duplicated.connect(services.brief_duplicate, dispatch_uid="briefs.brief_duplicate")
