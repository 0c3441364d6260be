"""Reads of a user's account."""

from django.utils import timezone

from preps.selectors import prep_export, preps_for_export


def account_export(user) -> dict:
    """All of one user's meeting preps and answers as plain data (JSON-ready), for them to keep."""
    return {
        "format": "prepmeet-export-1",
        "exported_at": timezone.now().isoformat(),
        "user": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
        },
        "meeting_preps": [prep_export(content) for content in preps_for_export(user)],
    }
