from django.apps import AppConfig


class AsksConfig(AppConfig):
    name = "asks"
    verbose_name = "Questions asked of the invited people"

    def ready(self):
        from core import contributions  # noqa: PLC0415 - registered once the apps are loaded

        from . import page_parts, selectors  # noqa: PLC0415

        contributions.prep_page.register("asks", page_parts.prep_page)
        contributions.prep_export.register("questions_sent_in", selectors.sent_questions_export)
