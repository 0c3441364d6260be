"""Ids and versions as a request carries them: the one parser every view, form and service uses.

``str.isdigit()`` accepts "²", which ``int()`` then refuses (a 500), and ``int()`` alone accepts " 7", "+7",
"1_000" and "٧" (Arabic-Indic seven). A number from a request is ASCII digits and nothing else, within what
its column holds; anything else is no number at all, and the caller answers with a 4xx.
"""

import re

ROW_ID_MAX = 2**63 - 1  # the largest id a 64-bit integer column holds
VERSION_MAX = 2**31 - 1  # the largest version a row's (32-bit) version column holds
_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(value: object, *, maximum: int = ROW_ID_MAX) -> int | None:
    """``value`` as a whole number from 0 to ``maximum`` when it is a string of ASCII digits (or already an
    int, as a cleaned form gives it), else None."""
    if isinstance(value, str) and _ASCII_DIGITS.fullmatch(value):
        number = int(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        return None
    return number if 0 <= number <= maximum else None


def parse_version(value: object) -> int | None:
    """A row's version as a form posts it (0 for a row never saved), or None."""
    return parse_id(value, maximum=VERSION_MAX)
