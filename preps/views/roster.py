"""The stakeholder roster without JavaScript: add a person, edit one person's row on its version, remove a
person after a confirmation (the fill page then offers to undo it). Each page needs write
access (``prep_for_writer``: the owner or an editor); another prep's person is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from core.ordered import RowsFull

from ..models import Stakeholder
from ..roster_forms import StakeholderAddForm, StakeholderEditForm
from ..selectors import prep_for_writer, stakeholder_for_prep
from ..services import stakeholder_create, stakeholder_remove, stakeholder_update


def _roster_url(prep) -> str:
    return reverse("prep_fill", args=[prep.pk]) + "#roster"


def _add_errors(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@login_required
@require_http_methods(["GET", "POST"])
def stakeholder_add(request, pk):
    prep = prep_for_writer(request.user, pk)
    form = StakeholderAddForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                person = stakeholder_create(prep=prep, **form.values())
            except RowsFull as error:
                _add_errors(form, error)
                status = 409
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"Added {person.name} to the roster.")
                # Back to the add form under the roster: the next person is one Tab away.
                return redirect(reverse("prep_fill", args=[prep.pk]) + "#roster-add")
    context = {"prep": prep, "form": form, "title": "Add a person to the roster"}
    return render(request, "preps/stakeholder_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def stakeholder_edit(request, pk, person_id):
    prep = prep_for_writer(request.user, pk)
    person = stakeholder_for_prep(prep, person_id)
    form = StakeholderEditForm(request.POST or None, person=person)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                result = stakeholder_update(
                    prep=prep,
                    stakeholder_id=person.pk,
                    base_version=form.cleaned_data["version"],
                    changes=form.changes(),
                    author=request.user,
                )
            except Stakeholder.DoesNotExist:
                # Removed in another window between the read above and this save.
                messages.error(request, "This person was removed from the roster in another window.")
                return redirect(_roster_url(prep))
            except ValidationError as error:
                _add_errors(form, error)
            else:
                if result.saved:
                    messages.success(request, f"Saved {result.row.name}.")
                    return redirect(_roster_url(prep))
                status = 409
                current = result.row
                form = StakeholderEditForm(request.POST.copy(), person=current)
                form.data["version"] = current.version
                form.is_valid()
                for name in form.changes():
                    saved = getattr(current, name)
                    form.add_error(
                        name,
                        "This was changed in another window since you opened this page, so your text was not "
                        f"saved over it. The saved text is: “{saved}”. Your text is still in the box; "
                        "save again to keep it.",
                    )
    context = {"prep": prep, "person": person, "form": form, "title": f"Edit {person.name}"}
    return render(request, "preps/stakeholder_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def stakeholder_remove_view(request, pk, person_id):
    """GET asks first (the Remove link without JavaScript); POST removes at once, and the fill page then
    offers to undo it."""
    prep = prep_for_writer(request.user, pk)
    person = stakeholder_for_prep(prep, person_id)
    if request.method == "GET":
        return render(request, "preps/stakeholder_confirm_delete.html", {"prep": prep, "person": person})
    try:
        stakeholder_remove(prep=prep, stakeholder_id=person.pk, by=request.user)
    except Stakeholder.DoesNotExist:
        # Removed in another request since the read above: what she wanted, with nothing to undo here.
        messages.success(request, f"{person.name} was already removed from the roster.")
    return redirect(_roster_url(prep))
