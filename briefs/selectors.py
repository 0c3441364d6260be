"""Reads of meeting briefs. A prep whose brief was never opened gets the defaults, unsaved: the documents
download before any edit, and reading never writes."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch

from preps.models import MeetingPrep, Stakeholder
from preps.selectors import PrepContent
from worksheets.models import FAQEntry

from .models import PRIVATE_BLOCKS, AgendaItem, MeetingBrief
from .suggestions import SUGGESTED_AGENDA


@dataclass(frozen=True)
class Brief:
    """A brief with everything its page and its documents show, from one prep's content."""

    content: PrepContent
    brief: MeetingBrief  # unsaved (pk None) until the director first opens the brief page
    agenda: list[AgendaItem]

    @property
    def prep(self) -> MeetingPrep:
        return self.content.prep

    @property
    def attendees(self) -> list[Stakeholder]:
        """The roster's people marked to invite (their names, roles and agencies are all the brief shows)."""
        return [person for person in self.content.stakeholders if person.invite == Stakeholder.Invite.INVITE]

    @property
    def published_faq(self) -> list[FAQEntry]:
        return self.content.worksheet.published_faq()

    @property
    def linked_faq_ids(self) -> frozenset[int]:
        """The FAQ entries she linked to question 4's expected questions."""
        return frozenset(entry.pk for q in self.content.expected_questions for entry in q.faq_entries.all())

    @property
    def chosen_faq_ids(self) -> frozenset[int]:
        if self.brief.faq_chosen:
            return frozenset(entry.pk for entry in self.brief.faq_entries.all())
        return self.linked_faq_ids

    @property
    def faq_entries(self) -> list[FAQEntry]:
        """The FAQ entries in the brief, in the worksheet's order (published ones only)."""
        chosen = self.chosen_faq_ids
        return [entry for entry in self.published_faq if entry.pk in chosen]


def default_agenda() -> list[AgendaItem]:
    return [
        AgendaItem(position=n, title=s.title, minutes=s.minutes, note=s.note, suggestion=s.key)
        for n, s in enumerate(SUGGESTED_AGENDA)
    ]


def _briefs_of(preps: Iterable[MeetingPrep]) -> dict[int, MeetingBrief]:
    rows = MeetingBrief.objects.filter(prep__in=list(preps)).prefetch_related(
        Prefetch("agenda", queryset=AgendaItem.objects.order_by("position", "pk")), "faq_entries"
    )
    return {brief.prep_id: brief for brief in rows}


def brief_for_prep(content: PrepContent) -> Brief:
    """The prep's brief (or its defaults), with the agenda in order."""
    brief = _briefs_of([content.prep]).get(content.prep.pk)
    if brief is None:
        return Brief(
            content=content, brief=MeetingBrief(prep=content.prep, version=0), agenda=default_agenda()
        )
    return Brief(content=content, brief=brief, agenda=list(brief.agenda.all()))


def agenda_item_for_brief(brief: Brief, item_id: int) -> AgendaItem | None:
    return next((item for item in brief.agenda if item.pk == item_id), None)


def brief_exports(preps: Iterable[MeetingPrep]) -> dict[int, dict | None]:
    """Each prep's brief as plain data (JSON-ready) for the account export; None where never opened."""
    preps = list(preps)
    found = _briefs_of(preps)
    return {prep.pk: _brief_export(found[prep.pk]) if prep.pk in found else None for prep in preps}


def _brief_export(brief: MeetingBrief) -> dict:
    return {
        "start_time": brief.start_time.isoformat() if brief.start_time else None,
        "place": brief.place,
        "purpose": brief.purpose,
        "desired_outcome": brief.desired_outcome,
        "primer": brief.primer,
        **{name: getattr(brief, name) for name in PRIVATE_BLOCKS},
        "faq_chosen": brief.faq_chosen,
        "faq_entries": [entry.question for entry in brief.faq_entries.all()],
        "version": brief.version,
        "updated_at": brief.updated_at.isoformat(),
        "agenda": [
            {
                "position": item.position,
                "title": item.title,
                "minutes": item.minutes,
                "lead": item.lead,
                "note": item.note,
                "suggestion": item.suggestion,
            }
            for item in brief.agenda.all()
        ],
    }
