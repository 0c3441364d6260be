"""Accounts: sign-up, the account page (export, deletion) and the throttled password reset."""

import math
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.http import client_ip, content_disposition, link_base, no_referrer
from core.refusals import refusal

from . import selectors, services
from .forms import AccountDeleteForm, LoginForm, NameForm, SignupForm
from .sso import SESSION_KEY, provider_logout_url
from .throttles import mail_throttle_refusing
from .time_zones import remember_in_session, time_zone_names
from .tokens import email_verification_token


def password_pages_off(request) -> bool:
    """SSO_ONLY: password sign-in, sign-up, reset and change are off for everyone but superusers."""
    user = getattr(request, "user", None)
    return settings.SSO_ONLY and not (user is not None and user.is_authenticated and user.is_superuser)


def password_page(view):
    """A page of the password accounts: 404 while password_pages_off (a function or a class's dispatch)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        request = args[0] if not hasattr(args[0], "request") else args[0].request
        if password_pages_off(request):
            return sso_only_page(request)
        return view(*args, **kwargs)

    return wrapper


def sso_only_page(request):
    """What a password page answers with SSO_ONLY: 404, and how to sign in instead."""
    context = {"provider_name": settings.SSO_PROVIDER_NAME}
    return render(request, "registration/sso_only.html", context, status=404)


class LoginView(auth_views.LoginView):
    """The password form (the e-mail address or the username), and the organization's sign-in once single
    sign-on is on; with SSO_ONLY only the latter, and a password posted here is a 404."""

    authentication_form = LoginForm

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and password_pages_off(request):
            return sso_only_page(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "sso_enabled": settings.SSO_ENABLED,
            "sso_only": password_pages_off(self.request),
            "provider_name": settings.SSO_PROVIDER_NAME,
        }


@require_POST
def logout(request):
    """Signs out of prepmeet; after a sign-in through the provider, a page offers its own sign-out too
    (prepmeet's session ends either way; the provider's only if the person asks there)."""
    through_provider = bool(request.session.get(SESSION_KEY))
    auth_logout(request)
    if not (through_provider and settings.SSO_ENABLED):
        return redirect(settings.LOGOUT_REDIRECT_URL)
    context = {
        "provider_logout_url": provider_logout_url(request.build_absolute_uri(reverse("home"))),
        "provider_name": settings.SSO_PROVIDER_NAME,
    }
    return render(request, "registration/signed_out.html", context)


@password_page
@require_http_methods(["GET", "POST"])
def signup(request):
    """Always the same answer to a valid form, "check your inbox": see services.signup_request."""
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if refused := mail_refused(request, email):
            return refused
        services.signup_request(
            email=email,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            link_base=link_base(request),
        )
        return redirect("signup_done")
    status = 400 if form.errors else 200
    return render(request, "registration/signup.html", {"form": form}, status=status)


@password_page
@require_GET
def signup_done(request):
    return render(request, "registration/signup_done.html")


class SignupConfirmView(auth_views.PasswordResetConfirmView):
    """The sign-up link: choose a password, which also verifies the address and signs in.

    Django's reset confirmation (the token moves from the address to the session before the form shows), with
    our token, and only for an account that has no password yet: for any other it is not a valid link.
    """

    token_generator = email_verification_token
    template_name = "registration/signup_confirm.html"
    post_reset_login = True
    post_reset_login_backend = "accounts.backends.EmailOrUsernameBackend"
    success_url = reverse_lazy("prep_create")

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and not user.has_usable_password() else None

    @password_page
    def dispatch(self, *args, **kwargs):
        return token_answer_no_referrer(self, super().dispatch(*args, **kwargs), kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        services.email_mark_verified(user=form.user)
        messages.success(
            self.request, "Welcome to prepmeet. Start by naming the meeting you are preparing for."
        )
        return response


VERIFY_SESSION_TOKEN = "_email_verify_token"
VERIFY_URL_TOKEN = "confirm"


@require_http_methods(["GET", "POST"])
def email_verify(request, uidb64: str, token: str):
    """The account page's link: a page with a Confirm button (a mail scanner that opens links spends nothing),
    which verifies the address. As Django's reset link does, the token moves from the address to the session
    and the page is shown at an address without it (.../confirm/), so no Referer can carry it; the answer
    with the token in its address sends no Referer at all. (That page itself could not: a form posted from a
    no-referrer page sends "Origin: null", which the CSRF check refuses.)"""
    if token != VERIFY_URL_TOKEN:
        request.session[VERIFY_SESSION_TOKEN] = token
        return no_referrer(redirect("email_verify", uidb64=uidb64, token=VERIFY_URL_TOKEN))
    user = selectors.user_for_link(uidb64)
    token = request.session.get(VERIFY_SESSION_TOKEN, "")
    if user is None or not email_verification_token.check_token(user, token):
        return render(request, "registration/email_verify.html", {"validlink": False}, status=400)
    if request.method == "POST":
        services.email_mark_verified(user=user)
        del request.session[VERIFY_SESSION_TOKEN]
        messages.success(request, f"Thank you: {user.email} is verified. You can sign in with it.")
        return redirect("account" if request.user == user else "login")
    return render(request, "registration/email_verify.html", {"validlink": True, "email": user.email})


@login_required
@require_POST
def email_verify_send(request):
    if refused := mail_refused(request, request.user.email):
        return refused
    if services.verification_send(user=request.user, link_base=link_base(request)):
        messages.success(request, f"A link to confirm your address is on its way to {request.user.email}.")
    return redirect("account")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, for accounts that have a password, while password sign-in is on."""

    @password_page
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated or request.user.has_usable_password():
            return super().dispatch(request, *args, **kwargs)
        raise Http404("This account signs in through the organization and has no password.")


def token_answer_no_referrer(view, response, kwargs):
    """The answer whose address holds the token sends no Referer; the form page after it (no token in its
    address) keeps the site's policy, since a form posted from a no-referrer page sends "Origin: null"."""
    return response if kwargs.get("token") == view.reset_url_token else no_referrer(response)


def mail_refused(request, email: str):
    """The 429 page when this address, or this e-mail asked from here, has had its e-mails for the hour."""
    throttle = mail_throttle_refusing(email=email, address=client_ip(request))
    if throttle is None:
        return None
    return too_many_attempts(request, retry_after=throttle.retry_after(), reset=True)


@login_required
@require_GET
def account(request):
    return _account_page(request, NameForm(initial=_names(request.user)))


def _names(user) -> dict:
    title, contact = selectors.convener_details_of(user)
    return {"first_name": user.first_name, "last_name": user.last_name, "title": title, "contact": contact}


def _account_page(request, name_form: NameForm, *, status: int = 200):
    context = {
        **selectors.account_summary(request.user),
        "name_form": name_form,
        "email_verified": selectors.email_verified(request.user),
        "time_zone": selectors.time_zone_of(request.user),
        "time_zone_names": time_zone_names(),
        "default_time_zone": settings.TIME_ZONE,
        "password_change_offered": request.user.has_usable_password() and not password_pages_off(request),
        "provider_name": settings.SSO_PROVIDER_NAME,
        "signs_in_through_provider": selectors.signs_in_through_provider(request.user),
    }
    return render(request, "registration/account.html", context, status=status)


@login_required
@require_POST
def account_name_save(request):
    """The account page's name, checked as at sign-up (it goes into the e-mails she sends)."""
    form = NameForm(request.POST)
    if not form.is_valid():
        return _account_page(request, form, status=400)
    try:
        services.user_name_set(user=request.user, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return _account_page(request, form, status=400)
    messages.success(request, "Your name is saved.")
    return redirect("account")


@login_required
@require_POST
def time_zone_save(request):
    """The account page's time zone: saved, and active from the next page on (it rides in the session)."""
    try:
        name = services.time_zone_set(user=request.user, name=request.POST.get("time_zone", ""))
    except ValidationError as error:
        return refusal(request, status=400, title="Time zone not saved", message=" ".join(error.messages))
    remember_in_session(request.session, name)
    messages.success(request, f"Dates and times now show in {name.replace('_', ' ')}.")
    return redirect("account")


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
        auth_logout(request)
        messages.success(request, f"The account “{username}” and all its meeting preps are deleted.")
        return redirect("home")
    status = 400 if form.errors else 200
    return render(request, "registration/account_confirm_delete.html", {"form": form}, status=status)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, with a limit on how often one address or one e-mail can ask for a link.

    Counted whether or not the e-mail belongs to an account, so the limit tells nothing about who has one.
    """

    @password_page
    def dispatch(self, *args, **kwargs):
        return super().dispatch(*args, **kwargs)

    def post(self, request, *args, **kwargs):
        if refused := mail_refused(request, request.POST.get("email", "")):
            return refused
        return super().post(request, *args, **kwargs)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's reset confirmation; a new password set through the e-mailed link also ends any lockout, and
    verifies the address (the link proved it is the user's)."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.login_failures_clear(username=form.user.get_username())
        services.email_mark_verified(user=form.user)
        return response

    @password_page
    def dispatch(self, *args, **kwargs):
        return token_answer_no_referrer(self, super().dispatch(*args, **kwargs), kwargs)


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
