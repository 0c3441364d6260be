"""Single sign-on with OpenID Connect: mozilla-django-oidc's backend, made strict (docs/configuration.md).

mozilla-django-oidc runs the authorization code flow with state, nonce and PKCE, and checks the ID token's
signature against the provider's keys. It leaves the rest of the ID token's checks to its users, and reads the
provider's endpoints from settings; this backend reads them from the provider's discovery document and refuses
an ID token whose issuer, audience, authorized party or expiry is not this deployment's, and userinfo that
speaks of another subject. Each refusal is a ``SignInRefused`` the callback view shows (accounts/sso_views.py)
and logs without a token or a secret. Who the person is then is ``services.sso_sign_in``'s decision.
"""

import logging
import threading
import time
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from . import services
from .sso_refusals import SignInRefused, provider_answer_refused

logger = logging.getLogger(__name__)

SESSION_KEY = "_sso_signed_in"  # the session was opened through the provider (sign-out offers its logout)
METADATA_SECONDS = 3600  # how long the discovery document is reused
CLOCK_SKEW_SECONDS = 60  # leeway on exp and iat for clocks that differ a little

_metadata: dict[str, tuple[float, dict]] = {}
_metadata_lock = threading.Lock()


def provider_unreachable(reason: str) -> SignInRefused:
    return SignInRefused(
        reason=reason,
        message="Your organization's sign-in is not answering prepmeet right now, so you are not signed in. "
        "Try again in a few minutes.",
        status=503,
    )


def provider_metadata() -> dict:
    """The provider's discovery document (its endpoints), fetched once an hour; its issuer must be the one
    configured (SSO_ISSUER), else a provider could speak for another."""
    issuer = settings.SSO_ISSUER
    with _metadata_lock:
        cached = _metadata.get(issuer)
        if cached and cached[0] > time.monotonic():
            return cached[1]
    try:
        answer = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=settings.SSO_TIMEOUT)
        answer.raise_for_status()
        metadata = answer.json()
    except (requests.RequestException, ValueError) as error:
        raise provider_unreachable(f"discovery failed: {type(error).__name__}") from None
    if not isinstance(metadata, dict) or metadata.get("issuer") != issuer:
        raise provider_answer_refused("discovery document names another issuer")
    with _metadata_lock:
        _metadata[issuer] = (time.monotonic() + METADATA_SECONDS, metadata)
    return metadata


class SingleSignOnBackend(OIDCAuthenticationBackend):
    """Signs in the person a provider's verified ID token names; inert until SSO_ISSUER is set."""

    def __init__(self, *args, **kwargs):
        # No settings check here (mozilla's does): Django makes this backend for every request of a user it
        # signed in, and the endpoints come from discovery, only when a sign-in needs them.
        self.UserModel = get_user_model()

    def authenticate(self, request, nonce=None, code_verifier=None, **kwargs):
        """Only the callback's call (with its nonce and PKCE verifier) reaches the provider."""
        if request is None or nonce is None or not settings.SSO_ENABLED:
            return None
        metadata = provider_metadata()
        self.OIDC_OP_TOKEN_ENDPOINT = metadata["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = metadata["userinfo_endpoint"]
        self.OIDC_OP_JWKS_ENDPOINT = metadata["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        return super().authenticate(request, nonce=nonce, code_verifier=code_verifier)

    def get_token(self, payload):
        try:
            return super().get_token(payload)
        except requests.HTTPError as error:
            # A used, expired or foreign code, a wrong verifier or secret: the provider's error code only.
            code = _error_code(error.response)
            raise provider_answer_refused(f"token endpoint refused the code: {code}") from None
        except (requests.RequestException, ValueError) as error:
            raise provider_unreachable(f"token endpoint failed: {type(error).__name__}") from None

    def verify_token(self, token, **kwargs):
        """The signature (with the provider's published keys) and nonce, then every claim that says for whom
        and until when the token holds."""
        if not token:
            raise provider_answer_refused("no ID token in the token response")
        try:
            claims = super().verify_token(token, **kwargs)
        except jwt.ExpiredSignatureError:
            raise provider_answer_refused("ID token expired") from None
        except (
            SuspiciousOperation,
            jwt.PyJWTError,
            requests.RequestException,
            KeyError,
            ValueError,
        ) as error:
            raise provider_answer_refused(f"ID token not verified: {error}") from None
        _check_id_token_claims(claims, client_id=self.OIDC_RP_CLIENT_ID)
        return claims

    def get_userinfo(self, access_token, id_token, payload):
        try:
            userinfo = super().get_userinfo(access_token, id_token, payload)
        except (requests.RequestException, ValueError) as error:
            raise provider_unreachable(f"userinfo failed: {type(error).__name__}") from None
        if not isinstance(userinfo, dict) or userinfo.get("sub") != payload["sub"]:
            raise provider_answer_refused("userinfo speaks of another subject")
        return {**payload, **userinfo}

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        user = services.sso_sign_in(claims=_provider_claims(claims))
        if not user.is_active:
            raise SignInRefused(
                reason=f"user {user.pk} is inactive",
                message="Your prepmeet account is switched off. Ask the person who runs prepmeet for your "
                "organization.",
            )
        return user

    def store_tokens(self, access_token, id_token):
        """No token is kept: prepmeet asks nothing of the provider after the sign-in."""


def _error_code(response) -> str:
    try:
        return str(response.json().get("error", response.status_code))[:64]
    except ValueError:
        return str(response.status_code)


def _check_id_token_claims(claims: dict, *, client_id: str) -> None:
    """OpenID Connect Core 3.1.3.7: issuer, audience, authorized party, expiry, subject."""
    if claims.get("iss") != settings.SSO_ISSUER:
        raise provider_answer_refused("ID token from another issuer")
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if client_id not in audiences:
        raise provider_answer_refused("ID token for another client")
    if (len(audiences) > 1 or "azp" in claims) and claims.get("azp") != client_id:
        raise provider_answer_refused("ID token authorized for another party")
    now = time.time()
    if not isinstance(claims.get("exp"), int | float) or claims["exp"] < now - CLOCK_SKEW_SECONDS:
        raise provider_answer_refused("ID token expired")
    if not isinstance(claims.get("iat"), int | float) or claims["iat"] > now + CLOCK_SKEW_SECONDS:
        raise provider_answer_refused("ID token issued in the future")
    if not isinstance(claims.get("sub"), str) or not claims["sub"]:
        raise provider_answer_refused("ID token without a subject")


def _provider_claims(claims: dict) -> services.ProviderClaims:
    """The person as the configured claims name them (SSO_EMAIL_CLAIM, SSO_NAME_CLAIM)."""
    email = claims.get(settings.SSO_EMAIL_CLAIM)
    first, last = claims.get("given_name"), claims.get("family_name")
    if not (isinstance(first, str) and isinstance(last, str)):
        full = claims.get(settings.SSO_NAME_CLAIM)
        first, _, last = (full if isinstance(full, str) else "").strip().partition(" ")
    return services.ProviderClaims(
        issuer=claims["iss"],
        subject=claims["sub"],
        email=email.strip() if isinstance(email, str) else "",
        email_verified=claims.get("email_verified") in (True, "true"),  # some providers send a string
        first_name=first,
        last_name=last,
    )


def provider_logout_url(post_logout_redirect_uri: str) -> str | None:
    """The provider's own sign-out page (RP-initiated logout), or None when it has none. No ID token rides
    in the address: ``client_id`` names prepmeet, and the provider asks the person to confirm."""
    try:
        endpoint = provider_metadata().get("end_session_endpoint")
    except SignInRefused:
        return None
    if not isinstance(endpoint, str) or not endpoint.startswith(("https://", "http://")):
        return None
    query = urlencode(
        {"client_id": settings.OIDC_RP_CLIENT_ID, "post_logout_redirect_uri": post_logout_redirect_uri}
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
