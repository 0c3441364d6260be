from django.apps import AppConfig


class PrepsConfig(AppConfig):
    """A director's meeting preps: one filled copy of a worksheet for one meeting, and its answers."""

    name = "preps"
    verbose_name = "Meeting preps"
    default_auto_field = "django.db.models.BigAutoField"
