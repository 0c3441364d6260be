"""Accounts: sign-up, the account page (export, deletion) and the throttled password reset."""

import math
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from core.http import client_ip, content_disposition
from preps.selectors import prep_count

from . import selectors, services
from .forms import AccountDeleteForm, SignupForm
from .throttles import Throttle


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.account_create(form=form)
        login(request, user, backend="accounts.backends.EmailOrUsernameBackend")
        messages.success(request, "Welcome to prepmeet. Start by naming the meeting you are preparing for.")
        return redirect("prep_create")
    return render(request, "registration/signup.html", {"form": form})


@login_required
@require_GET
def account(request):
    return render(request, "registration/account.html", {"prep_count": prep_count(request.user)})


@login_required
@require_GET
def account_export(request):
    """Everything the user wrote, as one JSON file to keep: their meeting preps with every answer."""
    export = selectors.account_export(request.user)
    response = JsonResponse(export, json_dumps_params={"indent": 2, "ensure_ascii": False})
    filename = f"prepmeet-{request.user.get_username()}-{export['exported_at'][:10]}.json"
    response["Content-Disposition"] = content_disposition(filename)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    form = AccountDeleteForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = request.user.get_username()
        services.account_delete(user=request.user)
        logout(request)
        messages.success(request, f"The account “{username}” and all its meeting preps are deleted.")
        return redirect("home")
    status = 400 if form.errors else 200
    return render(request, "registration/account_confirm_delete.html", {"form": form}, status=status)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, with a limit on how often one address or one e-mail can ask for a link.

    Counted whether or not the e-mail belongs to an account, so the limit tells nothing about who has one.
    """

    def post(self, request, *args, **kwargs):
        email = request.POST.get("email", "").strip().lower()
        address = client_ip(request)
        # Per e-mail together with the address asking: a stranger cannot use up someone's reset links.
        for scope, key in (("address", address), ("email", f"{email}\0{address}")):
            limit, window = settings.PASSWORD_RESET_LIMITS[scope]
            throttle = Throttle(f"password-reset-{scope}", limit, window)
            if not throttle.hit(key):
                return too_many_attempts(request, retry_after=throttle.retry_after(), reset=True)
        return super().post(request, *args, **kwargs)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's reset confirmation; a new password set through the e-mailed link also ends any lockout."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.login_failures_clear(username=form.user.get_username())
        return response


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout response (AXES_LOCKOUT_CALLABLE): the page, not a bare 403."""
    return too_many_attempts(request, retry_after=settings.AXES_COOLOFF_TIME, reset=False)


def too_many_attempts(request, *, retry_after: timedelta, reset: bool):
    minutes = max(1, math.ceil(retry_after.total_seconds() / 60))
    response = render(
        request, "registration/too_many_attempts.html", {"minutes": minutes, "reset": reset}, status=429
    )
    response["Retry-After"] = str(int(retry_after.total_seconds()))
    return response
