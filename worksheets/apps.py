from django.apps import AppConfig


class WorksheetsConfig(AppConfig):
    name = "worksheets"
    verbose_name = "Worksheets"
    default_auto_field = "django.db.models.BigAutoField"
