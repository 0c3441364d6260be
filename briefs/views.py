"""The meeting brief page: one form for the whole page (details, what to include, the agenda, the FAQ
choice), which the page's script (js/rowsave.js) saves field by field through ``brief_autosave``; without
JavaScript every button posts the whole form, so no button drops what another part holds. The owner and
editors only (``prep_for_writer``: a reader gets 403, anyone else 404); a stale form (the brief changed in
another window) is a 409 that changes nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import contributions
from core.ids import parse_id
from core.refusals import json_refusal, refusal
from core.saves import changed_by, save_reply
from preps.selectors import prep_for_writer, prep_with_content
from preps.views.history import history_response, restore_response

from . import services
from .forms import (
    NO_NUMBER,
    AgendaItemForm,
    BlocksForm,
    BriefDetailsForm,
    FaqForm,
    brief_changes_parse,
    brief_version_parse,
)
from .models import PRIVATE_BLOCKS, AgendaItem
from .selectors import Brief, agenda_item_for_brief, brief_for_prep, brief_history_page
from .summary import brief_summary

CONFLICT = "The brief was changed {by} since this page was opened, so nothing was saved. "
CONFLICT_HINT = "The page shows the saved brief, and your text if you typed any: check it and save again."
ITEM_ACTIONS = {"up": -1, "down": 1}
SAVE_ACTIONS = ("save", "details", "blocks", "faq")
GONE = "This agenda item is no longer on the brief (removed in another window?). Reload the page."
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _brief(request, pk) -> Brief:
    prep = prep_for_writer(request.user, pk)
    services.brief_ensure(prep=prep)  # made with its defaults on the first visit
    return brief_for_prep(prep_with_content(prep))


def _brief_url(brief: Brief, anchor: str = "") -> str:
    return reverse("prep_brief", args=[brief.prep.pk]) + (f"#{anchor}" if anchor else "")


def _forms(brief: Brief, data=None) -> dict:
    """The parts of the page's form, bound to a post shown again (an error or a conflict keeps her text)."""
    row = brief.brief
    return {
        "details": BriefDetailsForm(data, instance=row),
        "blocks": BlocksForm(data, brief=row),
        "faq": FaqForm(
            data, entries=brief.published_faq, chosen=brief.chosen_faq_ids, linked=brief.linked_faq_ids
        ),
        "add": AgendaItemForm(data if data and data.get("title", "").strip() else None, version=None),
    }


def _page(request, brief: Brief, forms: dict, *, version: int, status: int = 200, data=None):
    ins, outs = brief_summary(brief)
    has_errors = status == 400
    items = [(item, _item_values(item, data)) for item in brief.agenda]
    context = {"brief": brief, "prep": brief.prep, "ins": ins, "outs": outs, "has_errors": has_errors}
    context |= {"version": version, "items": items, "block_names": list(PRIVATE_BLOCKS)}
    context |= contributions.brief_page.merged(request=request, prep=brief.prep)
    context |= {f"{name}_form": form for name, form in forms.items()} | _moved(request, brief)
    return render(request, "briefs/brief.html", context, status=status)


def _item_values(item: AgendaItem, data) -> dict:
    """An agenda item's fields as the page shows them: what she posted, or what is stored."""
    stored = {"title": item.title, "minutes": item.minutes or "", "lead": item.lead, "note": item.note}
    if data is None:
        return stored
    return {name: data.get(f"item-{item.pk}-{name}", value) for name, value in stored.items()}


@login_required
@require_http_methods(["GET", "POST"])
def prep_brief(request, pk):
    brief = _brief(request, pk)
    if request.method == "GET":
        return _page(request, brief, _forms(brief), version=brief.brief.version)
    data = request.POST
    try:
        version = brief_version_parse(data)
        changes = brief_changes_parse(data)
        result = services.brief_save(
            prep=brief.prep, base_version=version, changes=changes, author=request.user
        )
        if not result.saved:
            # Her text stays in the form, now on the saved version: saving again keeps it.
            messages.error(
                request, CONFLICT.format(by=changed_by(result.editor, request.user)) + CONFLICT_HINT
            )
            fresh = brief_for_prep(brief.content)
            return _page(request, fresh, _forms(fresh, data), version=result.version, status=409, data=data)
        done = _apply(brief, data, result.version, request.user)
    except services.BriefConflict:
        messages.error(request, CONFLICT.format(by="in another window") + CONFLICT_HINT)
        fresh = brief_for_prep(brief.content)
        return _page(request, fresh, _forms(fresh, data), version=fresh.brief.version, status=409, data=data)
    except AgendaItem.DoesNotExist:
        raise Http404(GONE) from None
    except ValidationError as error:
        # The fields may have saved before the button's own step was refused: show the version now stored.
        fresh = brief_for_prep(brief.content)
        forms = _forms(fresh, data)
        _show_errors(request, error, forms)
        return _page(request, fresh, forms, version=fresh.brief.version, status=400, data=data)
    messages.success(request, done[0])
    return redirect(done[1])


def _show_errors(request, error: ValidationError, forms: dict) -> None:
    """Each message beside its field where the page has one, the others at the top of the page."""
    if not hasattr(error, "error_dict"):
        messages.error(request, " ".join(error.messages))
        return
    for name, field_errors in error.message_dict.items():
        form = next((form for form in forms.values() if name in form.fields), None)
        if form is not None and form.is_bound:
            form.add_error(name, field_errors)
        else:
            messages.error(request, " ".join(field_errors))


def _moved(request, brief: Brief) -> dict:
    """After a move, the page puts the focus back on the button that was pressed (``autofocus``), or on the
    other one when the item reached the end its button was moving it to (a disabled button takes no focus)."""
    item, direction = parse_id(request.GET.get("moved")), request.GET.get("d", "")
    ids = [row.pk for row in brief.agenda]
    if direction not in ITEM_ACTIONS or item not in ids:
        return {}
    index = ids.index(item)
    if (direction == "up" and index == 0) or (direction == "down" and index == len(ids) - 1):
        direction = "down" if direction == "up" else "up"
    return {"focus_item": item, "focus_direction": direction if len(ids) > 1 else ""}


def _apply(brief: Brief, data, version: int, author) -> tuple[str, str]:
    """After the form's fields are saved: what its button asks (message, where to go). A new agenda item
    typed in is added whichever button was pressed, so no button drops it."""
    action, _, item_id = data.get("action", "save").partition("-")
    item_id = item_id or data.get("item", "")
    if action not in (*SAVE_ACTIONS, "add", *ITEM_ACTIONS, "remove"):
        raise ValidationError("This form does not say what to change (its “action” is unknown).")
    added = None
    if action == "add" or data.get("title", "").strip():
        form = AgendaItemForm(data, version=None)
        if not form.is_valid():
            raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
        added = services.agenda_item_add(
            prep=brief.prep, base_version=version, author=author, **form.values()
        )
        version += 1
    if action in (*ITEM_ACTIONS, "remove"):
        return _item_action(brief, action, item_id, version, author)
    if added is not None:
        return f"Added “{added.title}” to the agenda.", _brief_url(brief, f"item-{added.pk}")
    return "Saved the brief.", _brief_url(brief, _ANCHORS.get(action, ""))


_ANCHORS = {"details": "details", "blocks": "in-and-out", "faq": "faq"}


def _item_action(brief: Brief, action: str, item: str, version: int, author) -> tuple[str, str]:
    item_id = parse_id(item)
    if item_id is None:
        raise ValidationError(NO_NUMBER)
    prep = brief.prep
    if action == "remove":
        item = services.agenda_item_delete(prep=prep, base_version=version, author=author, item_id=item_id)
        return f"Removed “{item.title}” from the agenda.", _brief_url(brief, "agenda")
    item = services.agenda_item_move(
        prep=prep, base_version=version, author=author, item_id=item_id, offset=ITEM_ACTIONS[action]
    )
    # No #fragment: a page opened at a fragment skips autofocus, which puts her back on the button.
    where = reverse("prep_brief", args=[prep.pk]) + f"?moved={item.pk}&d={action}"
    return f"Moved “{item.title}” {action}.", where


@login_required
@require_POST
def brief_autosave(request, pk):
    """The page's script: the fields that changed and the version; 200, 409 with the stored values, or 4xx."""
    prep = prep_for_writer(request.user, pk)
    if request.content_type not in FORM_CONTENT_TYPES:
        return json_refusal("Send the change as form data (application/x-www-form-urlencoded).", status=415)
    try:
        version = brief_version_parse(request.POST)
        changes = brief_changes_parse(request.POST)
        services.brief_ensure(prep=prep)
        result = services.brief_save(prep=prep, base_version=version, changes=changes, author=request.user)
    except ValidationError as error:
        return json_refusal(" ".join(error.messages), status=400)
    except AgendaItem.DoesNotExist:
        return json_refusal(GONE, status=404)
    return save_reply(result, thing="The brief", user=request.user)


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request, pk, item_id):
    brief = _brief(request, pk)
    item = agenda_item_for_brief(brief, item_id)
    if item is None:
        raise Http404("No such agenda item in this brief.")
    form = AgendaItemForm(
        request.POST or None, instance=item, version=brief.brief.version, submit_label="Save item"
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.agenda_item_update(
                    prep=brief.prep,
                    base_version=form.cleaned_data["version"],
                    author=request.user,
                    item_id=item.pk,
                    **form.values(),
                )
            except services.BriefConflict:
                # Her text stays in the form, now on the saved version: saving again keeps it.
                status, data = 409, request.POST.copy()
                data["version"] = str(brief_for_prep(brief.content).brief.version)
                form = AgendaItemForm(data, instance=item, version=0, submit_label="Save item")
                messages.error(request, CONFLICT.format(by="in another window") + CONFLICT_HINT)
            except AgendaItem.DoesNotExist:
                raise Http404("No such agenda item in this brief.") from None
            else:
                messages.success(request, f"Saved “{form.cleaned_data['title']}”.")
                return redirect(_brief_url(brief, f"item-{item.pk}"))
    context = {"brief": brief, "prep": brief.prep, "item": item, "form": form}
    return render(request, "briefs/agenda_item_form.html", context, status=status)


@login_required
@require_GET
def brief_history(request, pk):
    """The brief's versions on the history page pattern (``preps.views.history``)."""
    return history_response(request, brief_history_page(prep_for_writer(request.user, pk)))


@login_required
@require_POST
def brief_revision_restore(request, pk, revision_id):
    prep = prep_for_writer(request.user, pk)
    try:
        result = services.brief_restore(prep=prep, revision_id=revision_id, author=request.user)
    except services.RestoreRefused:
        message = "This version is not one of this brief’s."
        return refusal(request, status=404, title="Not restored", message=message)
    except ValidationError as error:
        return refusal(request, status=400, title="Not restored", message=" ".join(error.messages))
    return restore_response(
        request,
        result,
        what="brief",
        back_url=reverse("prep_brief", args=[prep.pk]),
        done="Restored an earlier version of the meeting brief.",
    )
