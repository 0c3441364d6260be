from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "sharing"
    verbose_name = "Sharing with colleagues"

    def ready(self):
        # preps' pages show comments and invitations without importing sharing (docs/architecture.md).
        from core import contributions  # noqa: PLC0415 - imported once the apps are loaded

        from . import page_parts  # noqa: PLC0415 - imports the models

        contributions.prep_page.register("sharing", page_parts.prep_page)
        contributions.dashboard_page.register("sharing", page_parts.dashboard_page)
        contributions.person_page.register("sharing", page_parts.person_page)
