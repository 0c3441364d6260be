"""Deployment checks of our own, run by ``manage.py check --deploy`` beside Django's."""

from email.utils import parseaddr

from django.conf import settings
from django.core.checks import Warning, register


@register("mail", deploy=True)
def mail_configured(app_configs=None, **kwargs) -> list[Warning]:
    """Sign-up, password resets and invitations are e-mails: in production they must leave the server, and
    come from the deployment's own address (the default, noreply@localhost, is what they said when the
    production recipe left DEFAULT_FROM_EMAIL unset)."""
    found = []
    if settings.EMAIL_DELIVERY_BACKEND == "django.core.mail.backends.console.EmailBackend":
        found.append(
            Warning(
                "E-mails are only printed to the log: set EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER, ...).",
                id="prepmeet.W001",
            )
        )
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2].lower()
    if not domain or domain == "localhost" or domain.endswith(".localhost"):
        found.append(
            Warning(
                f"DEFAULT_FROM_EMAIL is {settings.DEFAULT_FROM_EMAIL!r}: set the address this site's "
                "e-mails come from, e.g. 'prepmeet <noreply@prep.example.org>'.",
                id="prepmeet.W002",
            )
        )
    return found
