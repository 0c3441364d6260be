"""Text in a script the shipped fonts do not cover: a visible notice on the page, the text itself for readers.

The PDF has only the fonts under ``static/pdf/`` (``fonts.py``). A character none of them has (Ethiopic,
Khmer, Tibetan, Cherokee, Devanagari...) was drawn with the ``.notdef`` glyph, a missing-glyph box, which
PDF/UA-1 forbids (ISO 14289-1, 7.21.8: no text-showing operator may reference ``.notdef``), and the box told
a reader of the paper nothing. So before WeasyPrint lays the document out, ``mark_uncovered`` replaces each
run of such characters with a notice the fonts can draw - "[Ethiopic text this PDF cannot show]" - in a
``<span class="uncovered-script">`` that keeps the run as typed in ``data-original-text``. ``tagging.py``
gives that span the original text as ``/ActualText``, so a screen reader and a tool reading the structure
get the words as typed, and the notice's glyphs are all real ones.

What is covered is read from the fonts themselves (the union of their ``cmap`` tables: the renderer's
Fontconfig knows exactly these files, so Pango falls back among them and no further), computed once per
process while the files are unchanged. A run takes in the spaces, digits and punctuation between uncovered
characters, and the marks that follow them, so one sentence gives one notice. Characters nothing draws
(spaces, line breaks, zero-width and bidi controls, variation selectors) never start a notice: HarfBuzz
hides them without ``.notdef``.

No WeasyPrint here: only the element tree (``xml.etree``) and fontTools.
"""

import re
import unicodedata
from functools import cache
from pathlib import Path
from xml.etree.ElementTree import Element

from fontTools import unicodedata as script_data
from fontTools.ttLib import TTFont

from .fetcher import static_root

NOTICE_CLASS = "uncovered-script"
ORIGINAL_ATTRIBUTE = "data-original-text"
# Attributes whose value the style sheet prints (the running title in the page footers: string-set).
PRINTED_ATTRIBUTES = ("data-running-title",)
MAX_NOTICES_PER_TEXT = 8
SVG = "{http://www.w3.org/2000/svg}"
# Never drawn, or read by the PDF's metadata and structure rather than drawn: left as they are.
NOT_DRAWN = {"head", "title", "style", "script", "template", f"{SVG}title", f"{SVG}desc", f"{SVG}style"}
# Scripts that name no writing system of their own: a run of only these is "characters", not "X text".
NO_SCRIPT = {"Zyyy", "Zinh", "Zzzz"}
# Default-ignorable code points (Unicode's DerivedCoreProperties), hidden by HarfBuzz, never a .notdef.
IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


def font_files(root: Path | None = None) -> list[Path]:
    """The font files the renderer registers (``fonts.py``) and whose characters count as covered: every
    ``.ttf`` and ``.otf`` under ``static/pdf/``."""
    root = root or static_root()
    return sorted(path for path in root.rglob("*") if path.suffix in (".ttf", ".otf"))


def covered_code_points() -> frozenset[int]:
    """Every character some shipped font has; read again only when a font file changes."""
    files = font_files()
    return _union_of_cmaps(tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in files))


@cache
def _union_of_cmaps(files: tuple[tuple[str, int, int], ...]) -> frozenset[int]:
    covered: set[int] = set()
    for path, _, _ in files:
        covered.update(TTFont(path, lazy=True).getBestCmap())
    return frozenset(covered)


def _draws_nothing(character: str) -> bool:
    return character.isspace() or unicodedata.category(character) == "Cc" or bool(IGNORABLE.match(character))


def _is_uncovered(character: str, covered: frozenset[int]) -> bool:
    return ord(character) not in covered and not _draws_nothing(character)


def _joins_a_run(character: str, covered: frozenset[int]) -> bool:
    """Between two uncovered characters: spaces, digits, punctuation and marks belong to no other script."""
    return (
        _is_uncovered(character, covered)
        or _draws_nothing(character)
        or script_data.script(character) in NO_SCRIPT
    )


def uncovered_runs(text: str, covered: frozenset[int] | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of ``text`` the fonts cannot draw, from an uncovered character to the
    last uncovered character (or mark after one) before text of another script or the end."""
    covered = covered_code_points() if covered is None else covered
    if not any(_is_uncovered(character, covered) for character in set(text)):
        return []  # the usual case, decided on the distinct characters alone
    runs: list[tuple[int, int]] = []
    position = 0
    while position < len(text):
        if not _is_uncovered(text[position], covered):
            position += 1
            continue
        start = end = position
        position += 1
        while position < len(text) and _joins_a_run(text[position], covered):
            is_mark = unicodedata.category(text[position]).startswith("M")
            if _is_uncovered(text[position], covered) or (is_mark and position == end + 1):
                end = position
            position += 1
        runs.append((start, end + 1))
        position = end + 1
    if len(runs) > MAX_NOTICES_PER_TEXT:
        # Each notice is ~35 characters to lay out: "ሰ a ሰ a ..." would multiply the text the layout has to
        # set (content.py's limits) by ten. Past a few, one notice stands for the whole stretch.
        return [(runs[0][0], runs[-1][1])]
    return runs


def script_names(run: str) -> list[str]:
    """The scripts of a run's uncovered letters, in order of appearance: ``["Ethiopic"]``."""
    names: list[str] = []
    for character in run:
        code = script_data.script(character)
        if code not in NO_SCRIPT:
            name = script_data.script_name(code, default=code).replace("_", " ")
            if name not in names:
                names.append(name)
    return names


def notice(run: str, *, short: bool = False) -> str:
    """What the page shows instead of ``run``; ``short`` for the power map's narrow cells."""
    names = script_names(run)
    what = "characters"
    if names:
        what = (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]) + " text"
    return f"[{what}]" if short else f"[{what} this PDF cannot show]"


def replaced(text: str, covered: frozenset[int] | None = None, *, short: bool = False) -> str:
    """``text`` with each uncovered run as its notice (for text that cannot hold an element)."""
    pieces, last = [], 0
    for start, end in uncovered_runs(text, covered):
        pieces += [text[last:start], notice(text[start:end], short=short)]
        last = end
    return "".join(pieces) + text[last:]


def _notice_spans(text: str, covered: frozenset[int]) -> tuple[str, list[Element]]:
    """``text`` cut at its uncovered runs: the text before the first, then a notice span for each run (its
    tail the text up to the next run)."""
    runs = uncovered_runs(text, covered)
    if not runs:
        return text, []
    spans: list[Element] = []
    for index, (start, end) in enumerate(runs):
        original = text[start:end]
        span = Element("span", {"class": NOTICE_CLASS, "dir": "ltr", ORIGINAL_ATTRIBUTE: original})
        span.text = notice(original)
        span.tail = text[end : runs[index + 1][0]] if index + 1 < len(runs) else text[end:]
        spans.append(span)
    return text[: runs[0][0]], spans


def mark_uncovered(root: Element) -> int:
    """Replace every uncovered run in the document's drawn text with a notice; how many runs there were."""
    covered = covered_code_points()
    count = 0
    for parent in _drawn_elements(root):
        for name in PRINTED_ATTRIBUTES:
            value = parent.get(name)
            if value and uncovered_runs(value, covered):
                parent.set(name, replaced(value, covered))
        if parent.tag.startswith(SVG):
            count += _replace_svg_text(parent, covered)
            continue
        # The tails of the children first (inserting spans shifts the positions that follow).
        for index in reversed(range(len(parent))):
            child = parent[index]
            if child.tail:
                child.tail, spans = _notice_spans(child.tail, covered)
                parent[index + 1 : index + 1] = spans
                count += len(spans)
        if parent.text:
            parent.text, spans = _notice_spans(parent.text, covered)
            parent[0:0] = spans
            count += len(spans)
    return count


def _drawn_elements(root: Element) -> list[Element]:
    """Elements whose text is drawn, listed before any is changed (a notice span is not visited)."""
    found, stack = [], [root]
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str) or element.tag in NOT_DRAWN:
            continue
        found.append(element)
        stack.extend(element)
    return found


def _replace_svg_text(element: Element, covered: frozenset[int]) -> int:
    """SVG text is drawn from text nodes only (no HTML span in it): a short notice replaces the run in place
    (the power map's cells are narrow; the roster table beside it has the full notice and the typed text).
    The figure's text alternative is its ``<title>``, left as typed."""
    count = 0
    if element.text:
        count += len(uncovered_runs(element.text, covered))
        element.text = replaced(element.text, covered, short=True)
    for child in element:
        if child.tail:
            count += len(uncovered_runs(child.tail, covered))
            child.tail = replaced(child.tail, covered, short=True)
    return count


def is_notice(element: Element) -> bool:
    return element.get("class") == NOTICE_CLASS and element.get(ORIGINAL_ATTRIBUTE) is not None


def original_text(element: Element) -> str:
    """An element's text (as ``itertext`` gives it) with each notice span read as the run it replaced."""
    if is_notice(element):
        return element.get(ORIGINAL_ATTRIBUTE)
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            parts.append(original_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
