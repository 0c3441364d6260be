"""Accepting an invitation from its e-mailed link.

As the account e-mails' links do (``accounts.views.email_verify``), the token moves from the address to the
session at once and the page is shown at an address without it, so no Referer, log line or browser history
after the first request carries it; that first answer sends ``Referrer-Policy: no-referrer``. Signing in or
signing up keeps the session, so the invitation is still waiting afterwards (the dashboard points to it).
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from core.http import no_referrer

from .. import services

SESSION_TOKEN = "_invitation_token"


@require_GET
def invitation_open(request, token: str):
    request.session[SESSION_TOKEN] = token[:200]
    return no_referrer(redirect("invitation_accept"))


@require_http_methods(["GET", "POST"])
def invitation_accept(request):
    token = request.session.get(SESSION_TOKEN, "")
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationRefused as refused:
        return render(request, "sharing/accept.html", {"refused": refused.message}, status=400)
    context = {"invitation": invitation, "inviter": invitation.invited_by}
    if not request.user.is_authenticated:
        return render(request, "sharing/accept.html", {**context, "needs_account": True})
    if request.method == "POST":
        try:
            access = services.invitation_accept(token=token, user=request.user)
        except services.InvitationRefused as refused:
            return render(request, "sharing/accept.html", {**context, "refused": refused.message}, status=400)
        del request.session[SESSION_TOKEN]
        role = access.get_role_display().lower()
        if invitation.work_group_id:
            messages.success(request, f"You are now {role} of every meeting prep of this work group.")
            return redirect(access.group)
        messages.success(request, f"You are now {role} of this meeting prep.")
        return redirect(access.prep)
    return render(request, "sharing/accept.html", context)


def invitation_waiting(request) -> bool:
    """Whether this browser holds an invitation link not yet accepted (the dashboard offers to open it)."""
    return bool(request.session.get(SESSION_TOKEN))
