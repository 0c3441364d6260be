"""A meeting as an iCalendar event (RFC 5545, made by the ``icalendar`` library): its title, date and time,
place, and the brief's agenda in the description. Only what the brief hands out: no answer, no note about a
person, no outcome goes in (a calendar is shared and synced far beyond the app)."""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event

from briefs.selectors import brief_for_prep
from preps.models import MeetingPrep
from preps.selectors import prep_with_content

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


def prep_ics(prep: MeetingPrep) -> tuple[str, bytes]:
    """(file name, bytes) of the meeting's event, its start time where its work group meets (a 9:30
    Springfield meeting is 9:30 Central in every calendar). Without a date the event is for today there,
    marked tentative."""
    brief = brief_for_prep(prep_with_content(prep))
    agenda, minutes = _agenda_text(brief)
    event = Event()
    event.add("uid", f"prep-{prep.pk}@prepmeet")
    event.add("dtstamp", timezone.now())
    event.add("summary", prep.meeting_title)
    group = prep.work_group
    day = prep.meeting_date or group.today()
    if brief.brief.start_time:
        _add_span(event, group.moment(day, brief.brief.start_time), datetime.timedelta(minutes=minutes))
    else:
        _add_span(event, day, datetime.timedelta(days=1))
    if not prep.meeting_date:
        event.add("status", "TENTATIVE")
    if brief.brief.place.strip():
        event.add("location", brief.brief.place)
    if agenda:
        event.add("description", f"Agenda:\n{agenda}")
    # Attendees (ATTENDEE lines) come from the work group's people directory once it exists: added here.
    calendar = Calendar()
    calendar.add("prodid", "-//prepmeet//meeting prep//EN")
    calendar.add("version", "2.0")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return prep_filename(prep).removesuffix(".pdf") + ".ics", calendar.to_ical()
