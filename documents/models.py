"""What the documents app keeps between requests: an uploaded fillable PDF's changes until she confirms."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

# An import not confirmed or cancelled within this is forgotten (the file can be imported again).
PENDING_IMPORT_TTL = timedelta(hours=24)


class PendingImport(models.Model):
    """One user's upload for one prep, between the upload and the preview's confirmation: only the file's
    fields that name this prep's own questions and people and whose text differs from the saved one
    (``fillable.plan.values_to_keep``), read from at most IMPORT_MAX_CHARS characters of fields.

    A row, not the session: the session is read (and, with Redis, cached) on every request, and held every
    upload's text in each session of the user for two weeks; a row is read by the preview alone, and goes
    with its prep or account (CASCADE), on confirm, on cancel, on the next upload, or after
    ``PENDING_IMPORT_TTL``. Not the cache: without REDIS_URL each process has its own, so the preview could
    land on another server process than the upload."""

    prep = models.ForeignKey("preps.MeetingPrep", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    values = models.JSONField(default=list)  # [[item id, text, version in the file], ...]
    unchanged = models.PositiveIntegerField(default=0)  # the file's fields equal to the saved text
    unmatched = models.PositiveIntegerField(default=0)  # fields of questions or people not on the prep
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prep", "user"], name="pending_import_one_per_user")]

    def __str__(self) -> str:
        return f"Pending import of user {self.user_id} into meeting prep {self.prep_id}"

    @property
    def is_expired(self) -> bool:
        return self.created_at <= timezone.now() - PENDING_IMPORT_TTL
