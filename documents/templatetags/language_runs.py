"""``{{ text|language_runs }}``: a paragraph in several scripts, each run in a ``<span lang>`` of its own.

A screen reader switches voice on a structure element's ``/Lang``. A block's ``lang`` (``core.bidi``) comes
from its first letter, so a paragraph mixing Arabic, Chinese and Hindi was read as Arabic throughout. Here
each run of one script becomes a ``<span class="language-run" lang="...">`` (``tagging.py`` gives each its
``/Lang``, and a right-to-left run its own logical text); spaces, digits and punctuation stay with the run
they are in. Text in one script only is left as it is: its block's ``lang`` says it all.
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from fontTools import unicodedata as script_data

register = template.Library()

RUN_CLASS = "language-run"
DOCUMENT_LANGUAGE = "en"  # the PDFs' <html lang>; Latin, Greek or Cyrillic text cannot be told apart
SCRIPT_LANGUAGES = {"Arab": "ar", "Hebr": "he", "Hang": "ko", "Hira": "ja", "Kana": "ja", "Deva": "hi"}
NO_SCRIPT = {"Zyyy", "Zinh", "Zzzz"}  # spaces, digits, punctuation, marks: the run they are in


def _language(script: str, has_kana: bool) -> str:
    if script == "Hani":
        return "ja" if has_kana else "zh"
    return SCRIPT_LANGUAGES.get(script, DOCUMENT_LANGUAGE)


def language_run_list(text: str) -> list[tuple[str, str]]:
    """``(language, text)`` runs of ``text``, in order; characters of no script before the first letter go
    with the first run."""
    has_kana = any(script_data.script(c) in ("Hira", "Kana") for c in text)
    runs: list[list[str]] = []
    pending = ""
    for character in text:
        script = script_data.script(character)
        if script in NO_SCRIPT:
            if runs:
                runs[-1][1] += character
            else:
                pending += character
            continue
        language = _language(script, has_kana)
        if runs and runs[-1][0] == language:
            runs[-1][1] += character
        else:
            runs.append([language, pending + character])
            pending = ""
    return [(language, run) for language, run in runs] or ([(DOCUMENT_LANGUAGE, pending)] if pending else [])


@register.filter
def language_runs(text) -> SafeString:
    runs = language_run_list(str(text))
    if len({language for language, _ in runs}) < 2:
        return conditional_escape(text)
    # The space between two runs stays outside both: drawn between them, not at one's visual end.
    pieces = (
        format_html(
            '<span class="{}" lang="{}">{}</span>{}', RUN_CLASS, lang, run.rstrip(), run[len(run.rstrip()) :]
        )
        for lang, run in runs
    )
    return mark_safe("".join(pieces))  # noqa: S308 - each piece escaped by format_html
