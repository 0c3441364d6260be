"""Which way a user's text runs, for the PDF: WeasyPrint has no ``dir="auto"``, so the templates say it."""

import unicodedata


def base_direction(text: str) -> str:
    """``"rtl"`` when the first letter is Arabic, Hebrew or another right-to-left script, else ``"ltr"``.

    The rule of HTML's ``dir="auto"``: the first character with a strong direction decides.
    """
    for character in text or "":
        kind = unicodedata.bidirectional(character)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return "ltr"
