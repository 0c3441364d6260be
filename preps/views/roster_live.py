"""The roster on the fill page: what the page's scripts call (js/rowsave.js saves one person's changed
fields on the row's version; js/roster.js moves a person and redraws the power map), and the undo of a
removal. Each needs write access (``prep_for_writer``; the map, read access): without access a 404,
another prep's person too. JSON answers are core.saves' (saved, conflict 409 with the stored values) and
core.refusals' (a 4xx with a message)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from core.refusals import json_refusal, wants_json
from core.saves import save_reply

from ..models import Stakeholder
from ..models.roster import STAKEHOLDER_TEXT_MAX
from ..power_map import power_map
from ..roster_forms import StakeholderAutosaveForm, StakeholderMoveForm
from ..roster_undo import remember_removed, removed_people, take_removed
from ..selectors import (
    people_to_invite,
    prep_answered_count,
    prep_for_reader,
    prep_for_writer,
    roster_for_prep,
    stakeholder_last_editor,
)
from ..services import RosterFull, stakeholder_move_by, stakeholder_restore, stakeholder_update
from .autosave import FORM_CONTENT_TYPES

GONE = "This person is not on this roster (removed in another window?). Reload the page."


def _form_errors(form) -> str:
    return " ".join(error for errors in form.errors.values() for error in errors)


@login_required
@require_POST
def stakeholder_autosave(request, pk, person_id):
    prep = prep_for_writer(request.user, pk)
    if request.content_type not in FORM_CONTENT_TYPES:
        return json_refusal("Send the change as form data (application/x-www-form-urlencoded).", status=415)
    form = StakeholderAutosaveForm(request.POST)
    if not form.is_valid():
        return json_refusal(_form_errors(form), status=400)
    try:
        result = stakeholder_update(
            prep=prep,
            stakeholder_id=person_id,
            base_version=form.cleaned_data["version"],
            changes=form.changes(),
            author=request.user,
        )
    except Stakeholder.DoesNotExist:
        return json_refusal(GONE, status=404)
    except ValidationError as error:
        return json_refusal(" ".join(error.messages), status=400)
    extra = {}
    if result.progress_changed:  # only then (the script keeps the count otherwise)
        extra["answered_count"] = prep_answered_count(prep)
    editor = None if result.saved else stakeholder_last_editor(result.row)
    return save_reply(result, thing="This person's row", user=request.user, editor=editor, extra=extra)


@login_required
@require_POST
def stakeholder_move(request, pk, person_id):
    """Move up or down one place; the script gets the new order, a plain form goes back to the person."""
    prep = prep_for_writer(request.user, pk)
    form = StakeholderMoveForm(request.POST)
    if not form.is_valid():
        if wants_json(request):
            return json_refusal(_form_errors(form), status=400)
        messages.error(request, _form_errors(form))
        return redirect(reverse("prep_fill", args=[prep.pk]) + "#roster")
    try:
        people = stakeholder_move_by(prep=prep, stakeholder_id=person_id, offset=form.offset())
    except Stakeholder.DoesNotExist:
        if wants_json(request):
            return json_refusal(GONE, status=404)
        raise Http404(GONE) from None
    if wants_json(request):
        return JsonResponse({"status": "moved", "order": [person.pk for person in people]})
    return redirect(reverse("prep_fill", args=[prep.pk]) + f"#person-{person_id}")


@login_required
@require_POST
def stakeholder_undo_remove(request, pk, person_id):
    """Put back a person removed from this prep's roster a moment ago, with all their fields."""
    prep = prep_for_writer(request.user, pk)
    removed = take_removed(request.user, prep, person_id)
    if removed is None:
        messages.error(request, "There is nothing to undo: that removal is too old or was already undone.")
        return redirect(reverse("prep_fill", args=[prep.pk]) + "#roster")
    try:
        person = stakeholder_restore(prep=prep, removed=removed)
    except (RosterFull, ValidationError) as error:
        remember_removed(request.user, prep, removed)  # still there to undo once there is room
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("prep_fill", args=[prep.pk]) + "#roster")
    messages.success(request, f"Put {person.name} back on the roster.")
    return redirect(reverse("prep_fill", args=[prep.pk]) + f"#person-{person.pk}")


@login_required
@require_GET
def power_map_fragment(request, pk):
    """The power map and its table as an HTML fragment: the page fetches it after a rating is saved."""
    prep = prep_for_reader(request.user, pk)
    response = render(request, "preps/_roster_map.html", {"prep": prep, **map_context(roster_for_prep(prep))})
    response["Cache-Control"] = "private, no-store"
    return response


def map_context(stakeholders) -> dict:
    return {"stakeholders": stakeholders, "power_map": power_map(stakeholders)}


ROSTER_CHOICES = {
    "kind": Stakeholder.Kind.choices,
    "invite": Stakeholder.Invite.choices,
    "influence": Stakeholder.Influence.choices,
    "stance": Stakeholder.Stance.choices,
}


def fill_page_roster(request, stakeholders: list[Stakeholder], prep) -> dict:
    """What the fill page's roster needs: the people, the choices of their selects, the power map, the
    removals this user can still undo (roster_undo.py), and the group's people to invite."""
    return {
        **map_context(stakeholders),
        "roster_choices": ROSTER_CHOICES,
        "roster_removed": removed_people(request.user, prep),
        "roster_text_max": STAKEHOLDER_TEXT_MAX,
        # The work group's people not on this roster yet: offered first, entered once.
        "people_to_invite": people_to_invite(prep),
    }
