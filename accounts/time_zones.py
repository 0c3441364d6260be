"""Each user's time zone, active for their requests. It rides in the session (copied there at login and
when saved), so a request costs no query for it; the middleware activates it, or the deployment's
``TIME_ZONE`` when there is none."""

import zoneinfo
from functools import cache

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone

SESSION_KEY = "time_zone"


@cache
def time_zone_names() -> tuple[str, ...]:
    """The IANA names a user may choose, sorted (no legacy or "posix/" aliases)."""
    skipped = ("posix/", "right/", "Etc/", "SystemV/", "US/")
    names = {n for n in zoneinfo.available_timezones() if "/" in n and not n.startswith(skipped)}
    return (*sorted(names), "UTC")


def remember_in_session(session, name: str | None) -> None:
    if name:
        session[SESSION_KEY] = name
    else:
        session.pop(SESSION_KEY, None)


def user_time_zone(get_response):
    """Activate the session's time zone for this request. The session is read only when the request has a
    session cookie (an anonymous first visit stays without one)."""

    def middleware(request):
        name = request.session.get(SESSION_KEY) if settings.SESSION_COOKIE_NAME in request.COOKIES else None
        if name in time_zone_names():
            timezone.activate(zoneinfo.ZoneInfo(name))
        try:
            return get_response(request)
        finally:
            timezone.deactivate()

    return middleware


@receiver(user_logged_in, dispatch_uid="accounts.time_zone_at_login")
def _time_zone_at_login(sender, request, user, **kwargs) -> None:
    from .selectors import time_zone_of  # noqa: PLC0415 - selectors import models; signals load early

    if request is not None and hasattr(request, "session"):
        remember_in_session(request.session, time_zone_of(user))
