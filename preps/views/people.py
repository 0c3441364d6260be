"""A work group's people: the directory (everyone entered once, and adding someone), one person's page across
the group's meetings with their engagement plan, and inviting someone from the directory to a meeting.

Whoever may open one of the group's meetings reads its people, and on a person's page only the meetings she
may open (``work_group_access``); the group's owner and the editors of its meetings change them
(``work_group_for_people_editor``: 403 with a reason for a reader); anyone else gets a 404. Saves answer as
every row's do (core.saves: saved, a 409 with the stored values, a 4xx with a message), or redirect for a
plain form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from core import contributions
from core.ids import parse_id, parse_version
from core.refusals import refusal, wants_json
from core.saves import conflict_message, save_reply

from ..models import EngagementPlan, Person, Stakeholder
from ..models.roster import STAKEHOLDER_TEXT_MAX
from ..selectors import (
    people_of_group,
    person_page,
    prep_for_writer,
    work_group_access,
    work_group_for_people_editor,
)
from ..services import (
    PERSON_FIELDS,
    PLAN_FIELDS,
    RosterFull,
    engagement_plan_save,
    person_create,
    person_update,
    plan_field_text,
    stakeholder_create_from_person,
)

NOT_SENT = ("csrfmiddlewaretoken", "version", "nojs")


def _changes(request, fields: tuple[str, ...]) -> dict[str, str]:
    """The posted fields of ``fields`` (an unknown one is refused by the service). A plain form (``nojs``)
    leaves an unticked box out: it means not done."""
    changes = {name: request.POST.get(name, "") for name in request.POST if name not in NOT_SENT}
    if request.POST.get("nojs") and "done" in fields:
        changes.setdefault("done", "")
    return changes


def _person_url(person: Person, anchor: str = "") -> str:
    return reverse("person_page", args=[person.work_group_id, person.pk]) + (f"#{anchor}" if anchor else "")


def _not_saved(request, message: str, *, status: int):
    return refusal(request, status=status, title="Not saved", message=message)


@login_required
@require_http_methods(["GET", "POST"])
def people_directory(request, group_id):
    access = work_group_access(request.user, group_id)
    status, error = 200, ""
    if request.method == "POST":
        access = work_group_for_people_editor(request.user, group_id)
        fields = {name: request.POST.get(name, "") for name in PERSON_FIELDS}
        try:
            person = person_create(work_group=access.group, author=request.user, **fields)
        except ValidationError as refused:
            status, error = 400, " ".join(refused.messages)
        else:
            messages.success(request, f"Added {person.name} to the work group’s people.")
            return redirect(_person_url(person))
    context = {
        "access": access,
        "group": access.group,
        "people": people_of_group(access.group, access.meeting_ids),
        "kinds": Stakeholder.Kind.choices,
        "error": error,
        "posted": request.POST if error else {},
    }
    return render(request, "preps/people.html", context, status=status)


@login_required
@require_http_methods(["GET"])
def person_detail(request, group_id, person_id):
    page = person_page(request.user, group_id, person_id)
    context = {
        "page": page,
        "group": page.access.group,
        "person": page.person,
        "plan": page.plan or EngagementPlan(person=page.person),  # made on the first save, at version 1
        "kinds": Stakeholder.Kind.choices,
        "text_max": STAKEHOLDER_TEXT_MAX,
        **contributions.person_page.merged(request=request, page=page),
    }
    response = render(request, "preps/person.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def person_save(request, group_id, person_id):
    page = person_page(request.user, group_id, person_id)
    work_group_for_people_editor(request.user, group_id)
    base_version = parse_version(request.POST.get("version"))
    if base_version is None:
        return _not_saved(request, "The person's version must be a whole number.", status=400)
    try:
        result = person_update(
            person=page.person,
            base_version=base_version,
            changes=_changes(request, PERSON_FIELDS),
            author=request.user,
        )
    except ValidationError as error:
        return _not_saved(request, " ".join(error.messages), status=400)
    if wants_json(request):
        return save_reply(result, thing="This person", user=request.user)
    if not result.saved:
        message = conflict_message("This person", result.editor, request.user)
        return _not_saved(request, f"{message} Reload the page to see what is saved now.", status=409)
    messages.success(request, f"Saved {result.row.name}.")
    return redirect(_person_url(page.person, "person-details"))


@login_required
@require_POST
def engagement_plan_save_view(request, group_id, person_id):
    page = person_page(request.user, group_id, person_id)
    work_group_for_people_editor(request.user, group_id)
    base_version = parse_version(request.POST.get("version"))
    if base_version is None:
        return _not_saved(request, "The plan's version must be a whole number.", status=400)
    changes = _changes(request, PLAN_FIELDS)
    try:
        result = engagement_plan_save(
            person=page.person,
            base_version=base_version,
            changes=changes,
            team_ids={member.pk for member in page.team},
            author=request.user,
        )
    except ValidationError as error:
        return _not_saved(request, " ".join(error.messages), status=400)
    if wants_json(request):
        current = {name: plan_field_text(result.row, name) for name in changes}
        return save_reply(result, thing="The engagement plan", user=request.user, current=current)
    if not result.saved:
        message = conflict_message("The engagement plan", result.editor, request.user)
        return _not_saved(request, f"{message} Reload the page to see what is saved now.", status=409)
    messages.success(request, "Saved the engagement plan.")
    return redirect(_person_url(page.person, "engagement-plan"))


@login_required
@require_POST
def stakeholder_add_from_directory(request, pk):
    prep = prep_for_writer(request.user, pk)
    person_id = parse_id(request.POST.get("person", ""))
    if person_id is None:
        return _not_saved(request, "Choose one of the work group’s people.", status=400)
    try:
        entry = stakeholder_create_from_person(prep=prep, person_id=person_id)
    except Person.DoesNotExist:
        return _not_saved(request, "This person is not one of this work group’s people.", status=404)
    except RosterFull as error:
        return _not_saved(request, " ".join(error.messages), status=409)
    except ValidationError as error:
        return _not_saved(request, " ".join(error.messages), status=400)
    messages.success(request, f"Added {entry.name} to the roster.")
    return redirect(reverse("prep_fill", args=[prep.pk]) + f"#person-{entry.pk}")
