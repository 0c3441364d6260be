"""Reads of a user's account."""

from django.utils import timezone

from briefs.selectors import brief_exports
from preps.selectors import prep_export, preps_for_export


def account_export(user) -> dict:
    """All of one user's meeting preps, answers and briefs as plain data (JSON-ready), for them to keep."""
    contents = preps_for_export(user)
    briefs = brief_exports(content.prep for content in contents)
    return {
        "format": "prepmeet-export-1",
        "exported_at": timezone.now().isoformat(),
        "user": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
        },
        "meeting_preps": [
            {**prep_export(content), "meeting_brief": briefs[content.prep.pk]} for content in contents
        ],
    }
