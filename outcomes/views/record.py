"""Record how it went: one meeting's outcome page, and the rows its script saves (core.saves' reply:
saved, or a conflict 409 with the stored values; core.refusals' 4xx) or its plain forms post.
Every one needs write access (``prep_for_writer``: the owner or an editor); without access a 404, another
prep's row too. Readers see outcomes in the notes and on the series page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from core.ids import parse_version
from core.ordered import NOTHING_TO_UNDO
from core.refusals import refusal, wants_json
from core.saves import conflict_message, save_reply
from preps.models import Stakeholder
from preps.removals import removal_notices
from preps.selectors import prep_for_writer, roster_for_prep

from ..models import OUTCOME_NAME_MAX, OUTCOME_TEXT_MAX
from ..selectors import outcome_for_prep
from ..services import (
    kind_of,
    outcome_ensure,
    outcome_row_add,
    outcome_row_put_back,
    outcome_row_remove,
    outcome_row_save,
)

NOT_SENT = ("csrfmiddlewaretoken", "version", "nojs")
GONE = "This row is not on this meeting's outcome (removed in another window?). Reload the page."
# The kinds of row one removes (the others come with the roster), by their name in the page's context.
REMOVABLE = {"attendee": "attendees", "decision": "decisions", "commitment": "commitments"}
REMOVABLE["open-question"] = "open_questions"


def _kind_or_404(kind: str):
    try:
        return kind_of(kind)
    except LookupError:
        raise Http404("No such kind of row.") from None


def _changes(request, kind) -> dict[str, str]:
    """The fields posted. A plain form (``nojs``) posts every field: an unticked box is absent, so False."""
    changes = {name: request.POST.get(name, "") for name in request.POST if name not in NOT_SENT}
    if request.POST.get("nojs"):
        for name in kind.booleans:
            changes.setdefault(name, "")
    return changes


def _back(prep, anchor: str = ""):
    return redirect(reverse("outcome_record", args=[prep.pk]) + (f"#{anchor}" if anchor else ""))


def _refuse(request, message: str, *, status: int):
    return refusal(request, status=status, title="Not saved", message=message)


@login_required
@require_GET
def outcome_record(request, pk):
    prep = prep_for_writer(request.user, pk)
    outcome_ensure(prep=prep)
    context = {
        "prep": prep,
        "outcome": outcome_for_prep(prep),
        "roster": roster_for_prep(prep),
        "stance_choices": Stakeholder.Stance.choices,
        "influence_choices": Stakeholder.Influence.choices,
        "meeting_passed": bool(prep.meeting_date and prep.meeting_date < timezone.localdate()),
        "text_max": OUTCOME_TEXT_MAX,
        "name_max": OUTCOME_NAME_MAX,
        "removed": _removed(request, prep),
    }
    response = render(request, "outcomes/record.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def outcome_row_new(request, pk, kind):
    prep = prep_for_writer(request.user, pk)
    spec = _kind_or_404(kind)
    try:
        outcome_row_add(prep=prep, kind_name=kind, changes=_changes(request, spec))
    except LookupError:
        raise Http404("Rows of this kind come with the roster.") from None
    except ValidationError as error:
        return _refuse(request, " ".join(error.messages), status=400)
    messages.success(request, "Added.")
    return _back(prep, kind)


@login_required
@require_POST
def outcome_row_save_view(request, pk, kind, row_id):
    prep = prep_for_writer(request.user, pk)
    spec = _kind_or_404(kind)
    base_version = parse_version(request.POST.get("version"))
    if base_version is None:
        return _refuse(request, "The row's version must be a whole number.", status=400)
    changes = _changes(request, spec)
    try:
        result = outcome_row_save(
            prep=prep,
            kind_name=kind,
            row_id=row_id,
            base_version=base_version,
            changes=changes,
            author=request.user,
        )
    except spec.model.DoesNotExist:
        return _refuse(request, GONE, status=404)
    except ValidationError as error:
        return _refuse(request, " ".join(error.messages), status=400)
    row = result.row
    current = {
        name: _as_text(getattr(row, name + "_id" if name == "owner_person" else name)) for name in changes
    }
    if wants_json(request):
        return save_reply(result, thing="This row", user=request.user, current=current)
    if not result.saved:
        saved = "; ".join(f"{name}: “{value}”" for name, value in current.items())
        message = conflict_message("This row", result.editor, request.user)
        return refusal(request, status=409, title="Not saved", message=f"{message} Saved now: {saved}.")
    messages.success(request, "Saved.")
    return _back(prep, f"{kind}-{row.pk}")


def _as_text(value) -> str:
    if value is True:
        return "yes"
    if value is False or value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _removed(request, prep) -> dict:
    """The rows this user removed here and can still undo, by kind (``REMOVABLE``'s names)."""
    notices = removal_notices(
        request.user,
        prep,
        {
            kind: (lambda row_id, kind=kind: reverse("outcome_row_undo", args=[prep.pk, kind, row_id]))
            for kind in REMOVABLE
        },
    )
    return {REMOVABLE[kind]: rows for kind, rows in notices.items()}


@login_required
@require_POST
def outcome_row_remove_view(request, pk, kind, row_id):
    """Remove at once; the page then offers Undo."""
    prep = prep_for_writer(request.user, pk)
    spec = _kind_or_404(kind)
    try:
        outcome_row_remove(prep=prep, kind_name=kind, row_id=row_id, by=request.user)
    except (LookupError, spec.model.DoesNotExist):
        raise Http404(GONE) from None
    return _back(prep, kind)


@login_required
@require_POST
def outcome_row_undo(request, pk, kind, row_id):
    """Put back a row this user removed a moment ago, where it was, with every field."""
    prep = prep_for_writer(request.user, pk)
    _kind_or_404(kind)
    try:
        row = outcome_row_put_back(prep=prep, kind_name=kind, row_id=row_id, by=request.user)
    except LookupError:
        raise Http404("Rows of this kind come with the roster.") from None
    except ValidationError as error:  # full again, or its parent gone: the undo stays offered
        return refusal(request, status=409, title="Not put back", message=" ".join(error.messages))
    if row is None:
        return refusal(request, status=404, title="Nothing to undo", message=NOTHING_TO_UNDO)
    messages.success(request, "Put it back.")
    return _back(prep, f"{kind}-{row.pk}")
