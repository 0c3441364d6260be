"""``{% time value "M j, Y" %}``: a ``<time>`` element whose ``datetime`` is valid HTML, date or moment.

HTML allows at most three digits of a second's fraction: a Python datetime's ``isoformat()`` (``|date:'c'``)
writes six, which the Nu HTML Checker rejects. Every template writes its times through this tag
(tests/core/test_time_tag.py holds them to it).
"""

import datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html

register = template.Library()


def datetime_attribute(value: datetime.date) -> str:
    """A valid ``datetime`` value: ``2026-12-07`` for a date; a moment to the second with its offset in the
    current time zone (``2026-12-07T11:37:06-05:00``)."""
    if not isinstance(value, datetime.datetime):
        return value.isoformat()
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()


@register.simple_tag
def time(value: datetime.date | None, shown: str, second_line: str = ""):
    """The element, showing ``value`` in Django's date format ``shown`` (and ``second_line``'s after a line
    break); nothing without a value."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    text = date_format(value, shown)
    if second_line:
        text = format_html("{}<br>{}", text, date_format(value, second_line))
    return format_html('<time datetime="{}">{}</time>', datetime_attribute(value), text)
