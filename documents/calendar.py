"""A meeting as an iCalendar event (RFC 5545, made by the ``icalendar`` library): its title, date and time,
place, the brief's agenda in the description, and the invited people who have an e-mail address as attendees
(name and address only). Only what the brief hands out: no answer, no note about a person, no outcome goes in
(a calendar is shared and synced far beyond the app)."""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

from briefs.selectors import brief_for_prep
from preps.models import MeetingPrep
from preps.selectors import invited_with_email, prep_with_content

from .content import prep_filename

DEFAULT_MINUTES = 60


def _agenda_text(brief) -> tuple[str, int]:
    """The agenda as lines of text, and its length in minutes (the event's duration; an hour if unknown)."""
    lines, minutes = [], 0
    for n, item in enumerate(brief.agenda, start=1):
        extra = ", ".join(part for part in (f"{item.minutes} min" if item.minutes else "", item.lead) if part)
        lines.append(f"{n}. {item.title}" + (f" ({extra})" if extra else ""))
        minutes += item.minutes or 0
    return "\n".join(lines), minutes or DEFAULT_MINUTES


def _add_span(event: Event, start: datetime.date, length: datetime.timedelta) -> None:
    """DTSTART and DTEND; DURATION instead of an end past the last day Python knows (9999-12-31)."""
    event.add("dtstart", start)
    try:
        event.add("dtend", start + length)
    except OverflowError:
        event.add("duration", length)


def prep_ics(prep: MeetingPrep, *, time_zone: str | None = None) -> tuple[str, bytes]:
    """(file name, bytes) of the meeting's event. Without a date the event is for today, marked tentative."""
    brief = brief_for_prep(prep_with_content(prep))
    agenda, minutes = _agenda_text(brief)
    event = Event()
    event.add("uid", f"prep-{prep.pk}@prepmeet")
    event.add("dtstamp", timezone.now())
    event.add("summary", prep.meeting_title)
    day = prep.meeting_date or timezone.localdate()
    if brief.brief.start_time:
        zone = zoneinfo.ZoneInfo(time_zone or settings.TIME_ZONE)
        start = datetime.datetime.combine(day, brief.brief.start_time, tzinfo=zone)
        _add_span(event, start, datetime.timedelta(minutes=minutes))
    else:
        _add_span(event, day, datetime.timedelta(days=1))
    if not prep.meeting_date:
        event.add("status", "TENTATIVE")
    if brief.brief.place.strip():
        event.add("location", brief.brief.place)
    if agenda:
        event.add("description", f"Agenda:\n{agenda}")
    for name, email in invited_with_email(prep):
        attendee = vCalAddress(f"mailto:{email}")
        attendee.params["cn"] = name
        event.add("attendee", attendee, encode=0)
    calendar = Calendar()
    calendar.add("prodid", "-//prepmeet//meeting prep//EN")
    calendar.add("version", "2.0")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return prep_filename(prep).removesuffix(".pdf") + ".ics", calendar.to_ical()
