from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = "Meeting outcomes"

    def ready(self):
        from core import contributions  # noqa: PLC0415 - apps register once the registry is loaded

        from . import page_parts, selectors  # noqa: PLC0415 - they import the models

        contributions.prep_export.register("meeting_outcome", selectors.outcome_exports)
        contributions.prep_page.register("outcomes", page_parts.prep_page)
        contributions.dashboard_page.register("outcomes", page_parts.dashboard_page)
        contributions.person_page.register("outcomes", page_parts.person_page)
        contributions.brief_page.register("outcomes", page_parts.brief_page)
