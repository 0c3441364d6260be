"""Issue 28, W1 and W2: the Word files' headings in order (never a level skipped) and as headings, not bold
paragraphs: the notes and the brief, with every optional part present. And the brief's PDF (W2) with them."""

import datetime
import io
import re

import docx
import pytest

from briefs.selectors import brief_for_prep
from documents.docx.brief import brief_docx
from documents.docx.notes import notes_docx
from documents.sources import brief_pdf_source
from outcomes.series import series_next_create
from outcomes.services import outcome_ensure, outcome_row_add
from preps.selectors import prep_with_content
from testsupport.pdf_structure import read_structure

pytestmark = pytest.mark.django_db


@pytest.fixture
def next_meeting(rich_prep):
    """The next meeting of ``rich_prep``'s work group, whose brief says what was decided and promised."""
    outcome_ensure(prep=rich_prep)
    outcome_row_add(prep=rich_prep, kind_name="decision", changes={"text": "Pilot in district 3"})
    outcome_row_add(prep=rich_prep, kind_name="commitment", changes={"what": "Share call data"})
    return series_next_create(prep=rich_prep, meeting_date=datetime.date(2027, 3, 1))


def outline(content: bytes) -> list[tuple[int, str]]:
    """(level, text) of each heading; the title is level 0."""
    found = []
    for paragraph in docx.Document(io.BytesIO(content)).paragraphs:
        name = paragraph.style.name
        if name == "Title":
            found.append((0, paragraph.text))
        elif match := re.fullmatch(r"Heading (\d)", name):
            found.append((int(match[1]), paragraph.text))
    return found


def bold_paragraphs(content: bytes) -> list[str]:
    """Paragraphs (not list items, such as the agenda's) all in bold: headings in disguise."""
    return [
        paragraph.text
        for paragraph in docx.Document(io.BytesIO(content)).paragraphs
        if paragraph.runs
        and all(run.bold for run in paragraph.runs)
        and not paragraph.style.name.startswith(("Heading", "List"))
    ]


def assert_in_order(headings: list[tuple[int, str]]) -> None:
    levels = [level for level, _ in headings]
    skips = [(a, b) for a, b in zip(headings, headings[1:], strict=False) if b[0] > a[0] + 1]
    assert levels and not skips, skips


def test_w1_the_notes_headings_never_skip_a_level(rich_prep):
    content = notes_docx(prep_with_content(rich_prep)).content
    headings = outline(content)
    assert_in_order(headings)
    assert (2, "Carmen’s example") in headings and (2, "My answers") in headings
    assert (2, "Zoë Fairfield") in headings and (2, "Will my officers be liable?") in headings
    assert not bold_paragraphs(content)


def test_w2_decisions_commitments_and_sources_are_headings_in_word_and_the_brief_pdf(next_meeting, rich_prep):
    notes = notes_docx(prep_with_content(rich_prep)).content
    assert (4, "Sources") in outline(notes)  # under the expected question's "From the FAQ: ..."
    brief = brief_docx(brief_for_prep(prep_with_content(next_meeting))).content
    headings = outline(brief)
    assert_in_order(headings)
    assert [(3, "Decisions"), (3, "Commitments")] == [
        h for h in headings if h[1] in ("Decisions", "Commitments")
    ]
    assert not bold_paragraphs(brief)
    # The brief cites an FAQ answer's sources on one line, as its PDF does ("Source: LEAP ...").
    lines = [p.text for p in docx.Document(io.BytesIO(brief)).paragraphs]
    assert any(re.match(r"Sources?: \w", line) for line in lines)

    pdf = read_structure(brief_pdf_source(next_meeting).render())
    assert [h.words for h in pdf.find_all("H3")][:2] == ["Decisions", "Commitments"]
    assert not [p.words for p in pdf.find_all("P") if p.words in ("Decisions", "Commitments", "Sources")]
