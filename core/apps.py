from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every page shares: refusal pages, JSON refusals, middleware, HTTP helpers, the base template."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from . import checks  # noqa: F401, PLC0415 - registers the deployment checks
