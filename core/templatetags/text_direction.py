from django import template

from ..bidi import base_direction, script_language

register = template.Library()


@register.filter
def direction(text) -> str:
    """``{{ value|direction }}``: ``rtl`` or ``ltr`` for a ``dir`` attribute (WeasyPrint lacks ``auto``)."""
    return base_direction(str(text))


@register.filter
def language(text) -> str:
    """``{{ value|language }}``: ``ar``, ``he``, ``zh``, ``ja``, ``ko`` for text in those scripts, or ""."""
    return script_language(str(text))
