"""The owner's sharing page: who has access, open invitations, and the invite form. The owner's alone
(``prep_for_owner``: a colleague gets 403, anyone else 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from core.http import link_base
from core.refusals import refusal
from preps.models import ROLE_HELP, Role, Share
from preps.selectors import prep_for_owner

from .. import selectors, services
from ..forms import InviteForm, RoleForm
from ..models import Invitation


def _page(request, prep, form, *, status: int = 200):
    context = {
        "prep": prep,
        "form": form,
        "shares": selectors.shares_for_prep(prep),
        "invitations": selectors.open_invitations(prep),
        "roles": [(role, role.label, ROLE_HELP[role]) for role in Role],
    }
    response = render(request, "sharing/manage.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def sharing_page(request, pk):
    prep = prep_for_owner(request.user, pk)
    form = InviteForm(request.POST or None)
    if request.method == "GET":
        return _page(request, prep, form)
    if not form.is_valid():
        return _page(request, prep, form, status=400)
    try:
        invitation = services.invitation_send(
            prep=prep,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            invited_by=request.user,
            link_base=link_base(request),
        )
    except ValidationError as error:
        form.add_error("email", error)
        return _page(request, prep, form, status=400)
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
        f"Invitation sent to {invitation.email} as {invitation.get_role_display().lower()}. "
        f"The link works once, for {services.INVITATION_DAYS} days.",
    )
    return redirect("sharing", pk=prep.pk)


@login_required
@require_POST
def share_role_change(request, pk, share_id):
    prep = prep_for_owner(request.user, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return refusal(
            request, status=400, title="Not changed", message="Choose viewer, commenter or editor."
        )
    try:
        share = services.share_role_set(prep=prep, share_id=share_id, role=form.cleaned_data["role"])
    except Share.DoesNotExist:
        raise Http404("This colleague has no access to this meeting prep any more.") from None
    messages.success(
        request,
        f"{share.user.get_full_name() or share.user.email} is now {share.get_role_display().lower()}.",
    )
    return redirect("sharing", pk=prep.pk)


@login_required
@require_POST
def share_revoke(request, pk, share_id):
    prep = prep_for_owner(request.user, pk)
    try:
        share = services.share_revoke(prep=prep, share_id=share_id)
    except Share.DoesNotExist:
        raise Http404("This colleague has no access to this meeting prep any more.") from None
    messages.success(request, f"{share.user.get_full_name() or share.user.email} no longer has access.")
    return redirect("sharing", pk=prep.pk)


@login_required
@require_POST
def invitation_cancel(request, pk, invitation_id):
    prep = prep_for_owner(request.user, pk)
    try:
        services.invitation_cancel(prep=prep, invitation_id=invitation_id)
    except Invitation.DoesNotExist:
        raise Http404("This invitation was already used or withdrawn.") from None
    messages.success(request, "Invitation withdrawn: its link no longer works.")
    return redirect(reverse("sharing", args=[prep.pk]))
