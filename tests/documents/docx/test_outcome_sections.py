"""The outcome in the Word files: the notes' "Outcome and follow-ups" (and a series' stance timeline) and
the next brief's "Since last time", read back with python-docx against the PDFs' HTML: same headings, same
order, same text. And the Word files' ETag follows the outcome."""

import datetime
import html
import io
import re

import docx
import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from documents.docx.brief import brief_docx
from documents.docx.notes import notes_docx
from documents.sources import brief_pdf_source, prep_pdf_source
from outcomes.models import Attendance, Commitment, StanceChange
from outcomes.series import series_next_create
from outcomes.services import outcome_ensure, outcome_row_add, outcome_row_save
from preps.selectors import prep_with_content
from testsupport.factories import stakeholder_create

pytestmark = pytest.mark.django_db

OUTCOME_HEADINGS = [
    "Outcome and follow-ups",
    "Who attended",
    "Decisions",
    "Commitments",
    "Questions still open",
    "Changes in stance and influence",
]
TIMELINE = "Stance over the work group’s meetings"


@pytest.fixture
def dana(prep):
    return stakeholder_create(prep=prep, name="Dana Whitfield", stance="skeptical", influence="high")


@pytest.fixture
def lee(prep):
    return stakeholder_create(prep=prep, name="Lee Ortiz", stance="neutral", influence="low")


@pytest.fixture
def recorded(prep, dana, lee):
    """Both came, a decision, two commitments (one done, one due), a question, Dana now supportive."""
    outcome = outcome_ensure(prep=prep)
    for row in Attendance.objects.filter(outcome=outcome):
        outcome_row_save(
            prep=prep, kind_name="attendee", row_id=row.pk, base_version=1, changes={"attended": "on"}
        )
    outcome_row_add(prep=prep, kind_name="decision", changes={"text": "Pilot in district 3"})
    outcome_row_add(
        prep=prep,
        kind_name="commitment",
        changes={"what": "Share call data", "owner_person": str(dana.pk), "due": "2099-01-15"},
    )
    outcome_row_add(prep=prep, kind_name="commitment", changes={"what": "Send the MOU draft", "done": "yes"})
    outcome_row_add(prep=prep, kind_name="open-question", changes={"text": "Who answers after midnight?"})
    change = StanceChange.objects.get(outcome=outcome, stakeholder=dana)
    outcome_row_save(
        prep=prep,
        kind_name="stance",
        row_id=change.pk,
        base_version=1,
        changes={"stance": "supportive", "note": "Liked the data"},
    )
    return prep


def open_docx(content: bytes):
    return docx.Document(io.BytesIO(content))


def headings(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


def html_headings(source_html: str, tags: str = "h2|h3") -> list[str]:
    found = re.findall(rf"<({tags})\b[^>]*>(.*?)</\1>", source_html, flags=re.S)
    return [" ".join(html.unescape(strip_tags(text)).split()) for _, text in found]


def html_table_rows(source_html: str, caption: str) -> list[list[str]]:
    table = re.search(
        rf"<table[^>]*>\s*<caption>{re.escape(caption)}</caption>(.*?)</table>", source_html, re.S
    )
    assert table, caption
    rows = re.findall(r"<tr>(.*?)</tr>", table.group(1), flags=re.S)
    cell = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", flags=re.S)
    return [[" ".join(html.unescape(strip_tags(c)).split()) for c in cell.findall(row)] for row in rows]


def docx_table_rows(document, header_first: str) -> list[list[str]]:
    for table in document.tables:
        rows = [[" ".join(cell.text.split()) for cell in row.cells] for row in table.rows]
        if rows[0][0] == header_first:
            return rows
    raise AssertionError(f"no table starting {header_first!r}")


def between(items: list[str], first: str, last: str | None) -> list[str]:
    start = items.index(first)
    return items[start : items.index(last)] if last else items[start:]


def test_the_notes_have_the_outcome_after_the_questions_as_the_pdf(recorded):
    document = open_docx(notes_docx(prep_with_content(recorded)).content)
    word = headings(document)
    tips = recorded.worksheet.tips_heading or "Tips"
    assert between(word, "Outcome and follow-ups", tips) == OUTCOME_HEADINGS
    assert word.index("Outcome and follow-ups") > max(
        i for i, h in enumerate(word) if h.startswith("Question ")
    )
    pdf_html = prep_pdf_source(recorded, include_examples=True, include_extras=True).html
    assert between(html_headings(pdf_html), "Outcome and follow-ups", tips) == OUTCOME_HEADINGS
    assert TIMELINE not in word  # the first meeting of a series has no timeline, in the PDF neither
    heading = next(p for p in document.paragraphs if p.text == "Outcome and follow-ups")
    assert heading.paragraph_format.page_break_before  # as the PDF's break-before: page

    text = [p.text for p in document.paragraphs]
    assert "Dana Whitfield, Lee Ortiz" in text
    assert "Pilot in district 3" in text and "Who answers after midnight?" in text
    change = "Dana Whitfield: Skeptical → Supportive; influence high → high. Liked the data"
    assert change in text
    assert change in " ".join(strip_tags(pdf_html).split())

    caption = "Commitments made at the meeting"
    assert caption in text
    word_rows = docx_table_rows(document, "What")
    assert word_rows == html_table_rows(pdf_html, caption)
    assert word_rows == [
        ["What", "Owner", "Due", "State"],
        ["Share call data", "Dana Whitfield", "Jan 15, 2099", "Open"],
        ["Send the MOU draft", "", "—", "Done"],
    ]


def test_no_outcome_no_section(prep, dana):
    outcome_ensure(prep=prep)  # made on the first visit, nothing recorded
    assert "Outcome and follow-ups" not in headings(open_docx(notes_docx(prep_with_content(prep)).content))
    assert (
        "Outcome and follow-ups" not in prep_pdf_source(prep, include_examples=True, include_extras=True).html
    )


def test_a_later_meeting_has_the_stance_timeline_as_the_pdf(recorded):
    nxt = series_next_create(prep=recorded, meeting_date=datetime.date(2027, 3, 1))
    document = open_docx(notes_docx(prep_with_content(nxt)).content)
    assert TIMELINE in headings(document)
    caption = "Stance of each person at each meeting (going in → after, where recorded)"
    assert caption in [p.text for p in document.paragraphs]
    word_rows = docx_table_rows(document, "Person")
    pdf_html = prep_pdf_source(nxt, include_examples=True, include_extras=True).html
    assert word_rows == html_table_rows(pdf_html, caption)
    dana = next(row for row in word_rows if row[0] == "Dana Whitfield")
    # Dated meetings first: the next one (March 1) before the first, which has no date.
    assert word_rows[0] == ["Person", "1. Mar 1, 2027", "2. no date"]
    assert dana == ["Dana Whitfield", "Supportive", "Skeptical → Supportive"]


def test_the_next_brief_has_since_last_time_after_the_agenda_as_the_pdf(recorded):
    from briefs.selectors import brief_for_prep
    from preps.selectors import prep_with_content

    nxt = series_next_create(prep=recorded, meeting_date=datetime.date(2027, 3, 1))
    document = open_docx(brief_docx(brief_for_prep(prep_with_content(nxt))).content)
    word = headings(document)
    pdf_html = brief_pdf_source(nxt).html
    pdf = [h for h in html_headings(pdf_html, "h2") if h in word]
    assert word.index("Since last time") == word.index("Agenda") + 1
    assert [h for h in word if h in pdf] == pdf  # the same sections in the same order
    text = [p.text for p in document.paragraphs]
    start = text.index("Since last time")
    sections = [p.text for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    section = text[start + 1 : text.index(sections[sections.index("Since last time") + 1])]
    assert section == [
        "Decisions",
        "Pilot in district 3",
        "Commitments",
        "Share call data — Dana Whitfield, due Jan 15, 2099 (open)",
        "Send the MOU draft (done)",
    ]
    pdf_text = " ".join(strip_tags(pdf_html).split())
    for line in section:
        assert line in pdf_text
    assert "Liked the data" not in " ".join(text)  # a note about a person stays in the private notes
    first = open_docx(brief_docx(brief_for_prep(prep_with_content(recorded))).content)
    assert "Since last time" not in headings(first)


def etag(client, name, prep) -> str:
    response = client.get(reverse(name, args=[prep.pk]))
    assert response.status_code == 200
    return response["ETag"]


def test_the_word_files_etag_changes_with_the_outcome(owner_client, recorded, private_cache):
    nxt = series_next_create(prep=recorded, meeting_date=datetime.date(2027, 3, 1))
    notes, brief = etag(owner_client, "prep_docx", recorded), etag(owner_client, "prep_brief_docx", nxt)
    assert etag(owner_client, "prep_docx", recorded) == notes  # unchanged: the same key

    outcome_row_add(prep=recorded, kind_name="decision", changes={"text": "Meet again in March"})
    new_notes = etag(owner_client, "prep_docx", recorded)
    assert new_notes != notes
    assert etag(owner_client, "prep_brief_docx", nxt) != brief  # "Since last time" lists it
    stale = owner_client.get(reverse("prep_docx", args=[recorded.pk]), HTTP_IF_NONE_MATCH=notes)
    assert stale.status_code == 200 and "Meet again in March" in [
        p.text for p in open_docx(stale.content).paragraphs
    ]

    commitment = Commitment.objects.get(what="Share call data")
    outcome_row_save(
        prep=recorded, kind_name="commitment", row_id=commitment.pk, base_version=1, changes={"done": "on"}
    )
    assert etag(owner_client, "prep_docx", recorded) != new_notes
