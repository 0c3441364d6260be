"""What goes into the meeting brief, as plain data for ``documents/pdf/brief.html`` and the Word brief.

Built from ``briefs.selectors.Brief``. Only what she hands out is copied in: names, roles and agencies of the
invited people, her purpose, outcome, primer and agenda, the expected questions' texts and the FAQ entries
she chose. Question 3's text, per-person notes, ratings and her own answers are copied in only when their
block is included (``briefs.models.PRIVATE_BLOCKS``); the templates never reach past this data to the prep.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.dateformat import format as date_format
from django.utils.dateformat import time_format

from accounts.selectors import convener_details_of
from briefs.selectors import Brief
from briefs.suggestions import QUESTIONS
from core.users import display_name
from outcomes.selectors import since_last_time
from preps.models import is_blank
from worksheets.markdown import render_markdown

from .content import (
    FILENAME_STEM_MAX,
    TextBlock,
    answer_blocks,
    faq_attribution,
    faq_citations,
    page_size,
    prep_filename,
)

BRIEF_TITLE = "Meeting brief"
WHAT_MATTERS_KEY = "what-matters"


@dataclass(frozen=True)
class Attendee:
    name: str
    role: str
    organisation: str
    ratings: str = ""  # "Influence: High · Stance: Skeptical", only with the ratings block
    notes: tuple[tuple[str, str], ...] = ()  # (label, text), only with the per-person notes block

    @property
    def role_and_agency(self) -> str:
        return ", ".join(part for part in (self.role, self.organisation) if part.strip())


@dataclass(frozen=True)
class ExpectedQuestionBrief:
    text: str
    answer: str  # "" unless her answers are included
    see_faq: tuple[str, ...]  # the chosen FAQ entries linked to it, by their question


@dataclass(frozen=True)
class AgendaLine:
    title: str
    time: str  # "10:00 a.m." when the meeting's start time is set, else ""
    minutes: int | None
    lead: str
    note: str
    questions: tuple[ExpectedQuestionBrief, ...] = ()

    @property
    def facts(self) -> str:
        """ "10 min · Lead: Dana Whitfield" (what follows the title on its line)."""
        parts = [f"{self.minutes} min"] if self.minutes else []
        if self.lead.strip():
            parts.append(f"Lead: {self.lead}")
        return " · ".join(parts)


@dataclass(frozen=True)
class BriefDocument:
    meeting_title: str
    details: tuple[tuple[str, str], ...]  # (label, value): date, time, place, program, city, convened by
    purpose: list[TextBlock]
    desired_outcome: list[TextBlock]
    agenda: tuple[AgendaLine, ...]
    attendees: tuple[Attendee, ...]
    primer: list[TextBlock]
    question3_title: str = ""
    question3: list[TextBlock] = field(default_factory=list)  # only with its block included
    faq: tuple[dict, ...] = ()  # question, answer_html, sources_html
    faq_heading: str = "Answers to questions you may have"
    attribution: str = ""  # one line under the FAQ answers: whose worksheet they are adapted from

    @property
    def document_title(self) -> str:
        return f"{self.meeting_title} — {BRIEF_TITLE}"

    @property
    def headings(self) -> list[tuple[int, str]]:
        """(level, text) of every heading, in order: the PDF's and the Word file's (tested against both)."""
        found = [(1, self.meeting_title)]
        sections = [
            ("Purpose", self.purpose),
            ("Desired outcome", self.desired_outcome),
            ("Agenda", self.agenda),
            ("Who is invited", self.attendees),
            ("About the program", self.primer),
            (self.question3_title, self.question3),
        ]
        found += [(2, title) for title, present in sections if present]
        if self.faq:
            found += [(2, self.faq_heading)] + [(3, entry["question"]) for entry in self.faq]
        return found


def brief_document(brief: Brief) -> BriefDocument:
    row, prep = brief.brief, brief.prep
    chosen = {entry.pk: entry for entry in brief.faq_entries}
    question3 = next((q for q in brief.content.questions if q.key == WHAT_MATTERS_KEY), None)
    q3_text = brief.content.answer_text(question3) if question3 and row.include_question3 else ""
    return BriefDocument(
        meeting_title=prep.meeting_title,
        details=tuple(_details(brief)),
        purpose=answer_blocks(row.purpose),
        desired_outcome=answer_blocks(row.desired_outcome),
        agenda=tuple(_agenda(brief, chosen)),
        attendees=tuple(_attendee(brief, person) for person in brief.attendees),
        primer=answer_blocks(row.primer),
        question3_title=f"What matters to each agency ({question3.prompt})" if question3 else "",
        question3=answer_blocks(q3_text) if not is_blank(q3_text) else [],
        faq=tuple(
            {
                "question": entry.question,
                "answer_html": render_markdown(entry.answer),
                "sources_html": render_markdown(entry.sources) if entry.sources.strip() else "",
                "citations": faq_citations(entry.sources),  # the PDF's: the notes' way of citing
            }
            for entry in chosen.values()
        ),
        attribution=faq_attribution(brief.content.worksheet) if chosen else "",
    )


def _details(brief: Brief) -> list[tuple[str, str]]:
    row, prep = brief.brief, brief.prep
    details = []
    if prep.meeting_date:
        details.append(("Date", date_format(prep.meeting_date, "l, F j, Y")))
    if row.start_time:
        # Where the work group meets, with its zone: "9:30 a.m. CST", whoever reads or prints it.
        details.append(("Time", prep.work_group.time_text(prep.meeting_date, row.start_time)))
    for label, value in (
        ("Place", row.place),
        ("Program", prep.program_name),
        ("City or jurisdiction", prep.jurisdiction),
    ):
        if value.strip():
            details.append((label, value))
    # Her name with her title, and how to reach her (the account page's, given once).
    title, contact = convener_details_of(prep.owner)
    convener = display_name(prep.owner)
    details.append(("Convened by", f"{convener}, {title}" if title.strip() else convener))
    if contact.strip():
        details.append(("Contact", contact))
    return details


def _agenda(brief: Brief, chosen: dict) -> list[AgendaLine]:
    start = brief.brief.start_time
    clock = datetime.datetime.combine(datetime.date(2000, 1, 1), start) if start else None
    lines = []
    for item in brief.agenda:
        questions = _expected_questions(brief, chosen) if item.suggestion == QUESTIONS else ()
        time = time_format(clock.time(), "P") if clock else ""
        lines.append(AgendaLine(item.title, time, item.minutes, item.lead, item.note, questions))
        if clock and item.minutes:
            clock += datetime.timedelta(minutes=item.minutes)
    return lines


def _expected_questions(brief: Brief, chosen: dict) -> tuple[ExpectedQuestionBrief, ...]:
    include_answers = brief.brief.include_expected_answers
    return tuple(
        ExpectedQuestionBrief(
            text=question.text,
            answer=question.answer if include_answers and not is_blank(question.answer) else "",
            see_faq=tuple(entry.question for entry in question.faq_entries.all() if entry.pk in chosen),
        )
        for question in brief.content.expected_questions
        if not is_blank(question.text)
    )


def _attendee(brief: Brief, person) -> Attendee:
    row = brief.brief
    ratings = ""
    if row.include_ratings and (person.influence or person.stance):
        ratings = f"Influence: {person.get_influence_display()} · Stance: {person.get_stance_display()}"
    notes: tuple[tuple[str, str], ...] = ()
    if row.include_person_notes:
        notes = tuple(
            (label, text)
            for label, text in (
                ("What matters to them", person.what_matters),
                ("Likely concerns", person.concerns),
            )
            if not is_blank(text)
        )
    return Attendee(person.name, person.role, person.organisation, ratings, notes)


def brief_context(brief: Brief, *, reader=None) -> dict:
    """``reader``: who reads it ("Since last time" only if she may open that meeting); the owner if None."""
    document = brief_document(brief)
    return {
        "brief": document,
        "document_title": document.document_title,
        "page_size": page_size(),
        "prep": brief.prep,
        # The outcomes app's "Since last time".
        "since_last_time": since_last_time(brief.prep, reader=reader or brief.prep.owner),
    }


def brief_filename(brief: Brief, *, extension: str = "pdf") -> str:
    """``meeting-prep-<meeting>-<date>-brief.pdf``: which meeting, which document, the date."""
    stem = prep_filename(brief.prep).removesuffix(".pdf")[: FILENAME_STEM_MAX + 30]
    return f"{stem}-brief.{extension}"
