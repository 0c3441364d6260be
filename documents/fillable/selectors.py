"""Reads for the import: the upload a user left to confirm."""

from preps.models import MeetingPrep

from ..models import PendingImport


def pending_import(*, prep: MeetingPrep, user) -> PendingImport | None:
    """``user``'s pending import for ``prep``, unless it expired (``PENDING_IMPORT_TTL``)."""
    pending = PendingImport.objects.filter(prep=prep, user=user).first()
    return None if pending is None or pending.is_expired else pending
