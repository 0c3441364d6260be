"""A meeting's start time where its work group meets: ``{% meeting_time group day start %}`` gives
``<time datetime="2027-03-01T09:30:00-06:00">9:30 a.m. CST</time>``, the same for every reader whatever
her own time zone (a 9:30 Springfield meeting is 9:30 Central, not 10:30 in New York)."""

import datetime

from django import template
from django.utils.html import format_html

from preps.models import WorkGroup

register = template.Library()


@register.simple_tag
def meeting_time(group: WorkGroup, day: datetime.date | None, start: datetime.time | None):
    if start is None:
        return ""
    moment = group.moment(day or group.today(), start)
    attribute = moment.isoformat() if day else start.strftime("%H:%M")
    return format_html('<time datetime="{}">{}</time>', attribute, group.time_text(day, start))


@register.simple_tag
def zone_name(group: WorkGroup) -> str:
    """The zone as the group page names it: "CST (America/Chicago)"."""
    return f"{group.zone_abbreviation()} ({group.time_zone.replace('_', ' ')})"
