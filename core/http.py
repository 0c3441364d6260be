"""Small HTTP helpers for every app: a safe Content-Disposition, on-off query switches, the client IP, the
host e-mailed links start with, and no Referer after a page whose address holds a token."""

import ipaddress
from urllib.parse import quote

from django.conf import settings
from django.utils.text import slugify

SWITCHES = {"1": True, "0": False}


class BadSwitch(ValueError):
    pass


def switch(request, name: str, *, default: str = "1") -> bool:
    """``?name=1`` or ``?name=0``; absent means ``default`` (1 unless said).

    The last value wins, so a form's hidden "0" followed by a checked checkbox's "1" means 1.
    """
    value = request.GET.get(name, default)
    if value not in SWITCHES:
        raise BadSwitch(f"“{name}” must be 1 (include) or 0 (leave out), not “{value[:20]}”.")
    return SWITCHES[value]


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """An ASCII ``filename`` every browser understands, plus the UTF-8 ``filename*`` when the name needs it.

    ``filename`` is already a slug (letters, digits, hyphens); slugifying again and quoting make sure nothing
    in it - a quote, a slash, CR/LF - can end the header parameter or start a new header.
    """
    stem, _, extension = filename.rpartition(".")
    ascii_name = f"{slugify(stem) or 'document'}.{slugify(extension) or 'pdf'}"
    header = f'{"inline" if inline else "attachment"}; filename="{ascii_name}"'
    if ascii_name != filename:
        header += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return header


def _from_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in settings.TRUSTED_PROXIES if ip.version == network.version)


def client_ip(request) -> str:
    """The client's address: ``REMOTE_ADDR``, or behind proxies the entry the nearest trusted proxy added.

    Only the last ``TRUSTED_PROXY_COUNT`` entries of ``X-Forwarded-For`` were written by our own proxies; the
    ones before them are whatever the client sent and could be anything. And the header counts only when the
    request came from one of ``TRUSTED_PROXIES``: from anywhere else, it is the client's to invent.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0 and _from_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= proxies and forwarded[-proxies]:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def no_referrer(response):
    """For pages whose address holds a token: the next page must not be told it (Referer)."""
    response["Referrer-Policy"] = "no-referrer"
    return response


def link_base(request) -> str:
    """The scheme and host links in e-mails start with (the host is one ALLOWED_HOSTS accepted)."""
    return f"{request.scheme}://{request.get_host()}"
