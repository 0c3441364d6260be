"""Which way a user's text runs, and in which language, for the PDF.

WeasyPrint has no ``dir="auto"``, so the templates say it; and a screen reader reading the PDF switches voice
on a structure element's ``/Lang``, which the templates set (as ``lang``) for text in another script.
"""

import unicodedata

# The script of a letter, by its Unicode name, and the language to announce it in.
SCRIPT_LANGUAGES = (
    ("ARABIC", "ar"),
    ("HEBREW", "he"),
    ("HANGUL", "ko"),
    ("HIRAGANA", "ja"),
    ("KATAKANA", "ja"),
)


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


def script_language(text: str) -> str:
    """The language to read text in when its first letter is not Latin, Greek or Cyrillic; else ``""``.

    Arabic, Hebrew and Korean by their scripts; Han characters are Japanese when kana appear, else Chinese.
    Text in the Latin alphabet keeps the document's language: its language cannot be told from its script.
    """
    for character in text or "":
        if not character.isalpha():
            continue
        name = unicodedata.name(character, "")
        for script, language in SCRIPT_LANGUAGES:
            if name.startswith(script):
                return language
        if name.startswith("CJK"):
            has_kana = any(unicodedata.name(c, "").startswith(("HIRAGANA", "KATAKANA")) for c in text)
            return "ja" if has_kana else "zh"
        return ""
    return ""
