from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Everything that turns a meeting prep (or the blank worksheet) into a file to download."""

    name = "documents"
    verbose_name = "Documents"
