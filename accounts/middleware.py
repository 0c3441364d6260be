"""A login with a username no account can have is refused (400) before django-axes tries to record it.

django-axes stores a failed login's username in a 255-character column: on PostgreSQL a longer one raised a
DataError (a 500). No username here is longer than the user model's field (150), so such a login is refused
with a clear page before any authentication runs, on the site's login and the admin's.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse

from core.refusals import refusal


def username_max_length() -> int:
    user_model = get_user_model()
    return user_model._meta.get_field(user_model.USERNAME_FIELD).max_length


def refuse_overlong_login(get_response):
    def middleware(request):
        if request.method == "POST" and request.path in (reverse("login"), reverse("admin:login")):
            limit = username_max_length()
            if len(request.POST.get("username", "")) > limit:
                return refusal(
                    request,
                    status=400,
                    title="Username too long",
                    message=f"A username has at most {limit} characters, so no account has this one. "
                    "Check what you typed and sign in again.",
                )
        return get_response(request)

    return middleware
