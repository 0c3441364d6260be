"""Reads of meeting briefs. A prep whose brief was never opened gets the defaults, unsaved: the documents
download before any edit, and reading never writes."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse

from preps.history_selectors import EMPTY, HistoryPage, history_entries
from preps.models import MeetingPrep, Stakeholder
from preps.selectors import PrepContent
from worksheets.models import FAQEntry

from .models import PRIVATE_BLOCKS, AgendaItem, BriefRevision, MeetingBrief
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


def brief_snapshot(brief: MeetingBrief) -> dict:
    """The brief as one of its revisions keeps it (``BriefRevision``): its fields read from ``brief``, its
    chosen FAQ entries and its agenda from the database (two queries)."""
    chosen = sorted(brief.faq_entries.values_list("pk", flat=True)) if brief.faq_chosen else []
    agenda = AgendaItem.objects.filter(brief=brief).order_by("position", "pk")
    return {
        "start_time": _time_text(brief.start_time),
        "place": brief.place,
        "purpose": brief.purpose,
        "desired_outcome": brief.desired_outcome,
        "primer": brief.primer,
        **{block: getattr(brief, block) for block in PRIVATE_BLOCKS},
        "faq_chosen": brief.faq_chosen,
        "faq_entries": chosen,
        "agenda": list(agenda.values("id", "title", "minutes", "lead", "note", "suggestion")),
    }


def _time_text(value) -> str:
    return value.strftime("%H:%M") if hasattr(value, "strftime") else str(value or "")


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


# The brief's history (``BriefRevision``): its versions in words on the history page pattern.

FAQ_FOLLOWS_LINKS = "The FAQ answers linked to the questions you expect"


def _agenda_words(agenda: list[dict]) -> str:
    lines = []
    for number, item in enumerate(agenda, start=1):
        extra = ", ".join(
            part
            for part in (
                f"{item['minutes']} minutes" if item.get("minutes") else "",
                f"led by {item['lead']}" if item.get("lead") else "",
            )
            if part
        )
        note = f": {item['note']}" if item.get("note") else ""
        lines.append(f"{number}. {item.get('title', '')}" + (f" ({extra})" if extra else "") + note)
    return "\n".join(lines) or "No items"


def _brief_words(kept: dict, faq_titles: dict[int, str]) -> list[tuple[str, str]]:
    included = [label for block, label in PRIVATE_BLOCKS.items() if kept.get(block)]
    if kept.get("faq_chosen"):
        chosen = [faq_titles.get(pk, "An entry no longer in the FAQ") for pk in kept.get("faq_entries", [])]
        faq = "; ".join(chosen) or "None"
    else:
        faq = FAQ_FOLLOWS_LINKS
    return [
        ("Meeting time", kept.get("start_time") or "Not set"),
        ("Place", kept.get("place") or EMPTY),
        ("Purpose", kept.get("purpose") or EMPTY),
        ("Desired outcome", kept.get("desired_outcome") or EMPTY),
        ("Program primer", kept.get("primer") or EMPTY),
        ("Private notes included", "; ".join(included).capitalize() if included else "None"),
        ("FAQ answers in the brief", faq),
        ("Agenda", _agenda_words(kept.get("agenda", []))),
    ]


def brief_history_page(prep: MeetingPrep) -> HistoryPage:
    """Every version of the prep's brief, newest first (none before its page was first opened)."""
    brief = MeetingBrief.objects.filter(prep=prep).first()
    revisions = list(BriefRevision.objects.filter(brief=brief).select_related("author")) if brief else []
    ids = {pk for revision in revisions for pk in revision.snapshot.get("faq_entries", [])}
    titles = (
        dict(
            FAQEntry.objects.filter(worksheet_id=prep.worksheet_id, pk__in=ids).values_list("pk", "question")
        )
        if ids
        else {}
    )
    now = brief_snapshot(brief) if brief else None
    return HistoryPage(
        prep=prep,
        title="History of the meeting brief",
        lead="Every change to the brief: its details, what it includes, its FAQ answers and its agenda.",
        back_url=reverse("prep_brief", args=[prep.pk]),
        back_label="Back to the meeting brief",
        entries=history_entries(
            revisions,
            fields=lambda revision: _brief_words(revision.snapshot, titles),
            current=lambda revision: revision.snapshot == now,
            restore_url=lambda revision: reverse("brief_restore", args=[prep.pk, revision.pk]),
        ),
    )
