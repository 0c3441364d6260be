"""``{{ cell|row_header_scope }}``: the admin changelist's row header cell with ``scope="row"``.

Django writes each result row's cells as HTML strings (``items_for_result``), the first as a ``<th>`` without
a scope; HTML_CodeSniffer (H63) wants every header cell's scope stated (issue 28, B2).
"""

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def row_header_scope(cell: SafeString) -> SafeString:
    if cell.startswith("<th") and "scope=" not in cell.split(">", 1)[0]:
        return mark_safe('<th scope="row"' + cell[3:])  # noqa: S308 (Django's own escaped cell)
    return cell
