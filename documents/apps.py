from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Everything that turns a meeting prep (or the blank worksheet) into a file to download."""

    name = "documents"
    verbose_name = "Documents"

    def ready(self):
        # PDFs made before the click (prerender.py): every write that changes a prep's documents says so.
        from django.db.models.signals import post_delete, post_save  # noqa: PLC0415

        from core import contributions  # noqa: PLC0415
        from preps.models import MeetingPrep  # noqa: PLC0415
        from preps.signals import prep_changed  # noqa: PLC0415

        # kinds registers the built-in kinds of document.
        from . import kinds, page_parts, prerender, purge  # noqa: F401, PLC0415

        contributions.prep_page.register("documents", page_parts.prep_page)
        prep_changed.connect(prerender.on_prep_changed, dispatch_uid="documents.prerender")
        post_save.connect(prerender.on_prep_saved, sender=MeetingPrep, dispatch_uid="documents.prerender")
        # Deleting a prep (or its account) deletes what the caches hold of it (purge.py).
        post_delete.connect(purge.on_prep_deleted, sender=MeetingPrep, dispatch_uid="documents.purge")
