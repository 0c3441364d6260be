from django import template

from ..bidi import base_direction

register = template.Library()


@register.filter
def direction(text) -> str:
    """``{{ value|direction }}``: ``rtl`` or ``ltr`` for a ``dir`` attribute (WeasyPrint lacks ``auto``)."""
    return base_direction(str(text))
