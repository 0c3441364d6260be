"""What every page's menu needs to know about signing in."""

from django.conf import settings
from django.http import HttpRequest


def sign_in(request: HttpRequest) -> dict:
    # With SSO_ONLY there is no sign-up: accounts come from the city's identity provider.
    return {"sign_up_offered": not settings.SSO_ONLY}
