"""What outcomes adds to the pages of apps below it (``core.contributions``, registered in ``apps.py``): each
part names its template and hands it data read here, so nothing queries while the page renders."""

from django.utils import timezone

from preps.selectors import PrepAccess

from .selectors import commitment_counts, outcome_notes, person_outcomes, previous_for_reader, since_last_time


def prep_page(*, request, access: PrepAccess) -> dict:
    """The fill page offers to record how the meeting went; the read page shows how it went."""
    prep = access.prep
    if not access.can_edit:
        notes = outcome_notes(prep, reader=request.user)
        return {"outcome_notes": {"template": "outcomes/pdf/_outcome.html", **notes}}
    passed = bool(prep.meeting_date and prep.meeting_date < timezone.localdate())
    link = {
        "template": "outcomes/_fill_link.html",
        "passed": passed,
        "in_series": bool(prep.series_root_id),
        # A colleague invited to this meeting alone gets no link to one she may not open.
        "previous_id": previous_for_reader(prep, reader=request.user),
    }
    return {"outcome_link": link}


def dashboard_page(*, request, preps) -> dict:
    badge = {"template": "outcomes/_dashboard_badge.html", "counts": commitment_counts(request.user)}
    return {"commitments_badge": badge}


def person_page(*, request, page) -> dict:
    """A person's page: their ratings after each meeting with the note on why, and what they promised."""
    found = person_outcomes([entry.pk for entry in page.entries])
    return {
        "person_outcomes": {
            "template": "outcomes/_person_commitments.html",
            "after_template": "outcomes/_person_after.html",
            "after": found.after,
            "attendance": found.attended,
            "commitments": found.commitments,
        }
    }


def brief_page(*, request, prep) -> dict:
    return {
        "since_last_time": {
            "template": "outcomes/pdf/_since_last_time.html",
            "since": since_last_time(prep, reader=request.user),
        }
    }
