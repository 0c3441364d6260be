"""``reverse()`` for the URLs a page repeats once per row: the fill page links each of 30 people to four views
(~200 URLs), and ``reverse()`` costs ~12 µs each, ~2.5 ms of the page (``python -m bench.fill``). The pattern
is reversed once, with two stand-in ids, and each row's URL is the ids put in their places."""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# Ids no row can have (bigger than any 64-bit primary key), so they occur in the reversed URL only where the
# arguments go.
_FIRST, _SECOND = str(2**64 + 17), str(2**64 + 71)


@lru_cache(maxsize=64)
def _url_parts(viewname: str, urlconf: str, script_prefix: str) -> tuple[str, str, str] | None:
    """The URL around its two ids, or None when the ids do not each occur once (then ``reverse`` it is)."""
    url = reverse(viewname, args=[_FIRST, _SECOND], urlconf=urlconf)
    if url.count(_FIRST) != 1 or url.count(_SECOND) != 1:
        return None
    before, rest = url.split(_FIRST)
    between, after = rest.split(_SECOND)
    return before, between, after


def row_url(viewname: str, parent_pk: int, pk: int) -> str:
    """``reverse(viewname, args=[parent_pk, pk])`` for a view whose URL takes two integer ids."""
    # Keyed by what reverse() depends on: the URLconf (the request's or the settings') and the script prefix.
    parts = _url_parts(viewname, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    if parts is None:
        return reverse(viewname, args=[parent_pk, pk])
    before, between, after = parts
    return f"{before}{int(parent_pk)}{between}{int(pk)}{after}"
