"""Admin-edited Markdown to safe HTML.

Markdown (Python-Markdown) first, then nh3 (ammonia) strips everything outside a small allow-list, so an
admin's text can never carry a script, a style or a remote image into the page or the PDF. A link whose
address is empty - the fixtures keep the seed's link text but not its addresses - becomes plain text,
never a dead link.

Text too long or nested too deeply to lay out safely raises ``ContentTooComplex`` instead of tying up the
server: Python-Markdown slows down sharply on long pathological input (4,000 "[" take 1.6 s, 10,000 take
10 s) and fails at a few hundred nested list levels; WeasyPrint fails at a couple of hundred nested elements.
The admin refuses such text on save (``validate_markdown``); a page shows a note in its place; a PDF is
refused with a message (``worksheets.views.pdf``).
"""

import xml.etree.ElementTree as etree
from functools import lru_cache
from html.parser import HTMLParser

import markdown
import nh3
from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "code", "span"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# The seed's longest text is under 900 characters and nests 3 elements deep (a list item's paragraph's link).
MARKDOWN_MAX_CHARS = 4_000
MARKDOWN_MAX_DEPTH = 12
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class ContentTooComplex(ValueError):
    """Text too long or too deeply nested to render safely; the message says what to change."""


class _UnlinkEmptyAnchors(markdown.treeprocessors.Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter("a"):
            # A relative address ("/faq", "notes.html", "#x") means nothing in the PDF, whose base is the
            # install's static folder: WeasyPrint would make it a file:// link showing the install path.
            if not _is_absolute((element.get("href") or "").strip()):
                element.tag = "span"
                element.attrib.clear()


def _is_absolute(address: str) -> bool:
    scheme, colon, _ = address.partition(":")
    return bool(colon) and scheme.lower() in ALLOWED_URL_SCHEMES


class _EmptyLinksAsText(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API name
        md.treeprocessors.register(_UnlinkEmptyAnchors(md), "unlink_empty_anchors", 0)


# Every page and PDF renders the same few dozen texts (examples, tips, FAQ): rendering one takes ~1 ms, a
# lookup here ~1 us. The key is the text itself, so an admin's edit is a new key, never a stale result; texts
# are at most MARKDOWN_MAX_CHARS long, so the cache holds at most a few MB. Refusals are not cached.
@lru_cache(maxsize=1024)
def render_markdown(text: str) -> SafeString:
    text = text or ""
    if len(text) > MARKDOWN_MAX_CHARS:
        raise ContentTooComplex(
            f"This text is {len(text):,} characters long; the limit is {MARKDOWN_MAX_CHARS:,}. "
            f"Split it or shorten it. It starts: “{text[:60]}”"
        )
    try:
        # smarty: the seed types straight quotes and apostrophes; readers get typographic ones.
        html = markdown.markdown(text, extensions=[_EmptyLinksAsText(), "smarty"], output_format="html")
    except RecursionError:
        raise _too_deep(text) from None
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    if nesting_depth(cleaned) > MARKDOWN_MAX_DEPTH:
        raise _too_deep(text)
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above


def validate_markdown(text: str) -> None:
    """Form validator for admin-edited Markdown fields."""
    try:
        render_markdown(text)
    except ContentTooComplex as error:
        raise ValidationError(str(error), code="too_complex") from None


def _too_deep(text: str) -> ContentTooComplex:
    return ContentTooComplex(
        f"This text nests lists, quotes or tags more than {MARKDOWN_MAX_DEPTH} levels deep. "
        f"Flatten it. It starts: “{text[:60]}”"
    )


class _DepthCounter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = self.deepest = 0

    def handle_starttag(self, tag, attrs):
        if tag not in VOID_ELEMENTS:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag):
        if tag not in VOID_ELEMENTS:
            self.depth = max(0, self.depth - 1)


def nesting_depth(html: str) -> int:
    """How many elements deep well-formed HTML (nh3's output closes every element) nests; no recursion."""
    counter = _DepthCounter()
    counter.feed(html)
    counter.close()
    return counter.deepest
