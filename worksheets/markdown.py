"""Admin-edited Markdown to safe HTML.

Markdown (Python-Markdown) first, then nh3 (ammonia) strips everything outside a small allow-list, so an
admin's text can never carry a script, a style or a remote image into the page or the PDF. A link whose
address is empty - the fixtures keep the seed's link text but not its addresses - becomes plain text,
never a dead link.
"""

import xml.etree.ElementTree as etree

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "code", "span"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


class _UnlinkEmptyAnchors(markdown.treeprocessors.Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter("a"):
            if not (element.get("href") or "").strip():
                element.tag = "span"
                element.attrib.clear()


class _EmptyLinksAsText(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API name
        md.treeprocessors.register(_UnlinkEmptyAnchors(md), "unlink_empty_anchors", 0)


def render_markdown(text: str) -> SafeString:
    # smarty: the seed types straight quotes and apostrophes; readers get typographic ones.
    html = markdown.markdown(text or "", extensions=[_EmptyLinksAsText(), "smarty"], output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above
