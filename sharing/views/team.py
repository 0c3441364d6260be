"""A work group's team, the owner's alone (``work_group_for_owner``: a member gets 403, anyone else 404):
who is on it with which role, its open invitations, and the invite form. A member opens every meeting of the
group with her role; a colleague invited to one meeting (the meeting's sharing page) keeps that meeting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.http import link_base
from core.refusals import refusal
from preps.models import ROLE_HELP, Role, WorkGroupMembership
from preps.selectors import work_group_for_owner, work_group_team

from .. import selectors, services
from ..forms import InviteForm, RoleForm
from ..models import Invitation


def _page(request, group, form, *, status: int = 200):
    context = {
        "group": group,
        "form": form,
        "team": work_group_team(group),
        "invitations": selectors.work_group_invitations(group),
        "roles": [(role, role.label, ROLE_HELP[role]) for role in Role],
    }
    response = render(request, "sharing/team.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def team_page(request, pk):
    group = work_group_for_owner(request.user, pk)
    form = InviteForm(request.POST or None)
    if request.method == "GET":
        return _page(request, group, form)
    if not form.is_valid():
        return _page(request, group, form, status=400)
    try:
        invitation = services.work_group_invitation_send(
            group=group,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            invited_by=request.user,
            link_base=link_base(request),
        )
    except ValidationError as error:
        form.add_error("email", error)
        return _page(request, group, form, status=400)
    except services.InviteThrottled as throttled:
        minutes = max(1, round(throttled.retry_after.total_seconds() / 60))
        response = refusal(
            request,
            status=429,
            title="Too many invitations",
            message=f"Invitations are limited: this one has to wait. Try again in about {minutes} minutes.",
        )
        response["Retry-After"] = str(int(throttled.retry_after.total_seconds()))
        return response
    messages.success(
        request,
        f"Invitation to the team sent to {invitation.email} as {invitation.get_role_display().lower()}. "
        f"The link works once, for {services.INVITATION_DAYS} days.",
    )
    return redirect("work_group_team", pk=group.pk)


def _member_gone() -> Http404:
    return Http404("This colleague is not on the team any more.")


@login_required
@require_POST
def membership_role_change(request, pk, membership_id):
    group = work_group_for_owner(request.user, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return refusal(
            request, status=400, title="Not changed", message="Choose viewer, commenter or editor."
        )
    try:
        membership = services.membership_role_set(
            group=group, membership_id=membership_id, role=form.cleaned_data["role"]
        )
    except WorkGroupMembership.DoesNotExist:
        raise _member_gone() from None
    name = membership.user.get_full_name() or membership.user.email
    messages.success(request, f"{name} is now {membership.get_role_display().lower()} of every meeting.")
    return redirect("work_group_team", pk=group.pk)


@login_required
@require_POST
def membership_remove(request, pk, membership_id):
    group = work_group_for_owner(request.user, pk)
    try:
        membership = services.membership_remove(group=group, membership_id=membership_id)
    except WorkGroupMembership.DoesNotExist:
        raise _member_gone() from None
    name = membership.user.get_full_name() or membership.user.email
    messages.success(
        request, f"{name} is off the team: they keep only the meetings they were invited to one by one."
    )
    return redirect("work_group_team", pk=group.pk)


@login_required
@require_POST
def team_invitation_cancel(request, pk, invitation_id):
    group = work_group_for_owner(request.user, pk)
    try:
        services.work_group_invitation_cancel(group=group, invitation_id=invitation_id)
    except Invitation.DoesNotExist:
        raise Http404("This invitation was already used or withdrawn.") from None
    messages.success(request, "Invitation withdrawn: its link no longer works.")
    return redirect("work_group_team", pk=group.pk)
