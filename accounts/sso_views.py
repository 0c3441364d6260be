"""The sign-in through the organization's identity provider: mozilla-django-oidc's views, answering 404
while single sign-on is off and showing every refusal on a clear page (accounts/sso.py says why)."""

import logging

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from core.http import client_ip

from .sso import SESSION_KEY, provider_metadata
from .sso_refusals import TRY_AGAIN, SignInRefused

logger = logging.getLogger(__name__)


def refused_page(request, refusal: SignInRefused):
    """The refusal's page; the log line names the reason and the address, never a code or a token."""
    logger.warning("single sign-on refused: %s ip=%s", refusal.reason, client_ip(request))
    context = {"message": refusal.message, "provider_name": settings.SSO_PROVIDER_NAME}
    return render(request, "registration/sso_refused.html", context, status=refusal.status)


class SignInStart(OIDCAuthenticationRequestView):
    """Sends the browser to the provider with a fresh state, nonce and PKCE challenge (in the session)."""

    def __init__(self, *args, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)  # endpoints come in get()

    def get(self, request):
        if not settings.SSO_ENABLED:
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider_metadata()["authorization_endpoint"]
        except (SignInRefused, KeyError) as error:
            return refused_page(request, _as_refusal(error))
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


class SignInCallback(OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back: the state must be one this session started (each is used
    once), then the backend checks everything the provider answers."""

    def get(self, request):
        if not settings.SSO_ENABLED:
            raise Http404
        state, code, error = (request.GET.get(name, "") for name in ("state", "code", "error"))
        states = request.session.get("oidc_states")
        if not isinstance(states, dict) or state not in states:
            return refused_page(
                request,
                SignInRefused(
                    reason="unknown state (tampered, used before or from another browser)",
                    message="This sign-in is out of date, was used already, or was started in another "
                    f"browser, so you are not signed in. {TRY_AGAIN}",
                    status=400,
                ),
            )
        if error or not code:
            del states[state]
            request.session.modified = True
            return refused_page(
                request,
                SignInRefused(
                    reason=f"provider answered error={error[:64] or 'no code'}",
                    message=f"You were not signed in with {settings.SSO_PROVIDER_NAME}. {TRY_AGAIN}",
                ),
            )
        try:
            return super().get(request)
        except SignInRefused as refusal:
            return refused_page(request, refusal)

    def login_failure(self):
        return refused_page(
            self.request,
            SignInRefused(reason="no user", message=f"You are not signed in. {TRY_AGAIN}"),
        )

    def login_success(self):
        response = super().login_success()
        self.request.session[SESSION_KEY] = True
        logger.info("single sign-on: user %s signed in", self.user.pk)
        return response


def _as_refusal(error: Exception) -> SignInRefused:
    if isinstance(error, SignInRefused):
        return error
    return SignInRefused(
        reason=f"discovery lacks {error}", message=f"You are not signed in. {TRY_AGAIN}", status=400
    )
