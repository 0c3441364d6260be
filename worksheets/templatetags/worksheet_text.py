import logging

from django import template
from django.utils.safestring import mark_safe

from ..markdown import ContentTooComplex, render_markdown

register = template.Library()
logger = logging.getLogger(__name__)

TOO_COMPLEX_NOTE = mark_safe(  # a constant
    '<p class="content-problem"><em>This part of the worksheet is too long or too deeply nested to show. '
    "An administrator needs to shorten it.</em></p>"
)


@register.filter(name="markdown")
def markdown_filter(text):
    """Admin-edited Markdown as sanitised HTML; a note in its place when it is too complex to render."""
    try:
        return render_markdown(text)
    except ContentTooComplex as error:
        logger.error("Worksheet text not shown: %s", error)
        return TOO_COMPLEX_NOTE
