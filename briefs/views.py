"""The meeting brief page (no JavaScript): one page per prep to set the brief's details, what it includes, its
agenda and its FAQ entries, and one page to edit an agenda item. The owner and editors only
(``prep_for_writer``: a reader gets 403, anyone else 404); a stale form (the brief changed in another
window) is a 409 that changes nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from core import contributions
from core.ids import parse_id, parse_version
from preps.selectors import prep_for_writer, prep_with_content

from . import services
from .forms import AgendaItemForm, BlocksForm, BriefDetailsForm, FaqForm
from .models import AgendaItem
from .selectors import Brief, agenda_item_for_brief, brief_for_prep
from .summary import brief_summary

CONFLICT = "The brief was changed in another window since this page was opened, so nothing was saved. "
CONFLICT_HINT = "The page shows the saved brief, and your text if you typed any: check it and save again."
ITEM_ACTIONS = {"up": -1, "down": 1}


def _brief(request, pk) -> Brief:
    prep = prep_for_writer(request.user, pk)
    services.brief_ensure(prep=prep)  # made with its defaults on the first visit
    return brief_for_prep(prep_with_content(prep))


def _brief_url(brief: Brief, anchor: str = "") -> str:
    return reverse("prep_brief", args=[brief.prep.pk]) + (f"#{anchor}" if anchor else "")


def _forms(brief: Brief, data=None, action: str = "") -> dict:
    row = brief.brief
    bound = {name: (data if action == name else None) for name in ("details", "blocks", "faq", "add")}
    return {
        "details": BriefDetailsForm(bound["details"], instance=row),
        "blocks": BlocksForm(bound["blocks"], brief=row),
        "faq": FaqForm(
            bound["faq"],
            version=row.version,
            entries=brief.published_faq,
            chosen=brief.chosen_faq_ids,
            linked=brief.linked_faq_ids,
        ),
        "add": AgendaItemForm(bound["add"], version=row.version),
    }


@login_required
@require_http_methods(["GET", "POST"])
def prep_brief(request, pk):
    brief = _brief(request, pk)
    forms, status = _forms(brief), 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        forms = _forms(brief, request.POST, action)
        try:
            done = _apply(brief, action, request.POST, forms)
        except services.BriefConflict:
            brief, status = brief_for_prep(brief.content), 409
            # Her text stays in the form, now on the saved version: saving again keeps it.
            data = request.POST.copy()
            data["version"] = str(brief.brief.version)
            forms = _forms(brief, data, action)
            messages.error(request, CONFLICT + CONFLICT_HINT)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            status = 400
        else:
            if done is not None:
                messages.success(request, done[0])
                return redirect(done[1])
            status = 400
    ins, outs = brief_summary(brief)
    has_errors = any(form.errors for form in forms.values())
    context = {"brief": brief, "prep": brief.prep, "ins": ins, "outs": outs, "has_errors": has_errors}
    context |= contributions.brief_page.merged(request=request, prep=brief.prep)
    context |= {f"{name}_form": form for name, form in forms.items()} | _moved(request, brief)
    return render(request, "briefs/brief.html", context, status=status)


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


def _apply(brief: Brief, action: str, data, forms: dict) -> tuple[str, str] | None:
    """Do what the form named ``action`` asks: (message, where to go) once done, None for invalid input."""
    prep = brief.prep
    if action in ("details", "blocks", "faq", "add"):
        form = forms[action]
        if not form.is_valid():
            return None
        version = form.cleaned_data["version"]
        if action == "details":
            values = {name: form.cleaned_data[name] for name in services.BRIEF_DETAILS}
            services.brief_update(prep=prep, base_version=version, **values)
            return "Brief details saved.", _brief_url(brief, "details")
        if action == "blocks":
            services.brief_blocks_set(prep=prep, base_version=version, included=form.included())
            return "Saved what the brief includes.", _brief_url(brief, "in-and-out")
        if action == "faq":
            services.brief_faq_set(prep=prep, base_version=version, entry_ids=set(form.cleaned_data["faq"]))
            return "Saved the FAQ entries in the brief.", _brief_url(brief, "faq")
        item = services.agenda_item_add(prep=prep, base_version=version, **form.values())
        return f"Added “{item.title}” to the agenda.", _brief_url(brief, f"item-{item.pk}")
    if action in ("up", "down", "remove"):
        return _item_action(brief, action, data)
    raise ValidationError("This form does not say what to change (its “action” is missing or unknown).")


def _item_action(brief: Brief, action: str, data) -> tuple[str, str]:
    item_id, version = parse_id(data.get("item")), parse_version(data.get("version"))
    if item_id is None or version is None:
        raise ValidationError("This form names no agenda item or brief version.")
    try:
        if action == "remove":
            item = services.agenda_item_delete(prep=brief.prep, base_version=version, item_id=item_id)
            return f"Removed “{item.title}” from the agenda.", _brief_url(brief, "agenda")
        offset = ITEM_ACTIONS[action]
        item = services.agenda_item_move(
            prep=brief.prep, base_version=version, item_id=item_id, offset=offset
        )
    except AgendaItem.DoesNotExist:
        raise Http404("No such agenda item in this brief.") from None
    # No #fragment: a page opened at a fragment skips autofocus, which puts her back on the button.
    where = reverse("prep_brief", args=[brief.prep.pk]) + f"?moved={item.pk}&d={action}"
    return f"Moved “{item.title}” {action}.", where


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_edit(request, pk, item_id):
    brief = _brief(request, pk)
    item = agenda_item_for_brief(brief, item_id)
    if item is None:
        raise Http404("No such agenda item in this brief.")
    form = AgendaItemForm(
        request.POST or None,
        instance=item,
        version=brief.brief.version,
        action="edit",
        submit_label="Save item",
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.agenda_item_update(
                    prep=brief.prep,
                    base_version=form.cleaned_data["version"],
                    item_id=item.pk,
                    **form.values(),
                )
            except services.BriefConflict:
                # Her text stays in the form, now on the saved version: saving again keeps it.
                status, data = 409, request.POST.copy()
                data["version"] = str(brief_for_prep(brief.content).brief.version)
                form = AgendaItemForm(data, instance=item, version=0, action="edit", submit_label="Save item")
                messages.error(request, CONFLICT + CONFLICT_HINT)
            except AgendaItem.DoesNotExist:
                raise Http404("No such agenda item in this brief.") from None
            else:
                messages.success(request, f"Saved “{form.cleaned_data['title']}”.")
                return redirect(_brief_url(brief, f"item-{item.pk}"))
    context = {"brief": brief, "prep": brief.prep, "item": item, "form": form}
    return render(request, "briefs/agenda_item_form.html", context, status=status)
