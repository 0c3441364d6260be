"""What other apps' templates show of outcomes (the fill page, the dashboard, the notes PDF, the brief),
each with one tag or include, so their views and document data stay as they are. Each tag reads through
``selectors``; a PDF's cache key is a hash of its HTML, so what these tags write is in the key."""

from django import template

from ..selectors import (
    STANCE_LABELS,
    commitment_counts,
    outcome_for_prep,
    previous_for_reader,
    series_view,
)
from ..selectors import (
    commitment_state as _state,
)
from ..selectors import (
    since_last_time as _since,
)

register = template.Library()

STATE_LABELS = {"done": "Done", "open": "Open", "overdue": "Overdue"}


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key, "") if key is not None else ""


@register.simple_tag
def commitment_state(commitment) -> str:
    return STATE_LABELS[_state(commitment)]


@register.inclusion_tag("outcomes/_dashboard_badge.html", takes_context=True)
def commitments_badge(context) -> dict:
    return {"counts": commitment_counts(context["request"].user)}


@register.inclusion_tag("outcomes/pdf/_outcome.html")
def outcome_notes(prep, reader) -> dict:
    """The notes PDF's "Outcome and follow-ups" and, for a later meeting of a series, the stance timeline of
    the meetings ``reader`` may open (none when that is this one alone)."""
    outcome = outcome_for_prep(prep)
    series = series_view(prep, reader=reader) if prep.series_root_id else None
    return {
        "outcome": outcome,
        "series": series if series and len(series.preps) > 1 else None,
        "stance_labels": STANCE_LABELS,
    }


@register.inclusion_tag("outcomes/pdf/_since_last_time.html")
def since_last_time(prep, reader) -> dict:
    return {"since": _since(prep, reader=reader)}


@register.inclusion_tag("outcomes/_fill_link.html", takes_context=True)
def outcome_link(context, prep) -> dict:
    from django.utils import timezone  # noqa: PLC0415

    passed = bool(prep.meeting_date and prep.meeting_date < timezone.localdate())
    return {
        "prep": prep,
        "passed": passed,
        "in_series": bool(prep.series_root_id),
        # A colleague invited to this meeting alone gets no link to one she may not open.
        "previous_id": previous_for_reader(prep, reader=context["request"].user),
    }
