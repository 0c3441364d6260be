"""The preparation notes as a Word file: the meeting details, the answers and the outcome, in the PDF's order,
each thing once as the PDF prints it: the roster's part of a question before her prose ("Other notes"), and
each FAQ answer an expected question links in full under question 4 only (the FAQ at the end says where).

Headings use Word's own Heading styles (so the navigation pane lists the questions), bullet lines are Word
list paragraphs, and the core properties carry the title, author and language. Each page's footer says the
notes are private, with the date they were prepared, as the PDF's does.
"""

import io
from dataclasses import dataclass

from django.utils.dateformat import format as date_format
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from asks.selectors import sent_questions
from core.text import printable_text as clean
from core.users import display_name
from preps.models import is_blank
from preps.selectors import PrepContent
from sharing.selectors import comments_for_notes
from worksheets.markdown import render_markdown

from ..content import answer_blocks, extras_context, notes_filename, private_mark, roster_context
from .blocks import add_text_blocks
from .html import add_html, add_internal_link
from .outcomes import add_outcome_notes
from .roster import add_comments_appendix, add_roster_notes, linked_faq_bookmark
from .sent_questions import add_sent_questions

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LANGUAGE = "en-US"


@dataclass(frozen=True)
class RenderedDocx:
    filename: str
    content_type: str
    content: bytes


def _set_language(document, language: str) -> None:
    """The document's language: in the core properties and as the default run language of its styles."""
    document.core_properties.language = language
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    lang.set(qn("w:val"), language)


def _linked_faq(roster: dict) -> set[int]:
    """The FAQ entries an expected question links: printed in full under question 4."""
    return {entry["pk"] for expected in roster["expected_questions"] for entry in expected.linked_faq}


def notes_docx(
    content: PrepContent,
    *,
    include_examples: bool = True,
    include_extras: bool = True,
    include_comments: bool = False,
    reader=None,
) -> RenderedDocx:
    """``reader``: who downloads it (the series' stance table holds only the meetings she may open); the
    owner if None."""
    prep, worksheet = content.prep, content.worksheet
    document = Document()
    prepared_by = clean(display_name(prep.owner))
    document.core_properties.title = clean(f"{prep.meeting_title} — {worksheet.title}")
    document.core_properties.author = prepared_by
    document.core_properties.subject = "Preparation notes"
    _set_language(document, LANGUAGE)

    footer = document.sections[0].footer.paragraphs[0]
    footer.text = clean(private_mark(prep))

    document.add_heading(clean(prep.meeting_title), level=0)
    details = [("Worksheet", worksheet.title)]
    if prep.meeting_date:
        # Django's date format (month names from LANGUAGE_CODE), never strftime's process locale.
        details.append(("Date", date_format(prep.meeting_date, "l, F j, Y")))
    if prep.program_name:
        details.append(("Program", prep.program_name))
    if prep.jurisdiction:
        details.append(("City or jurisdiction", prep.jurisdiction))
    details.append(("Prepared by", prepared_by))
    for label, value in details:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(clean(value))

    roster = roster_context(content)
    faq_position = None  # the question whose expected questions print the linked FAQ answers
    for position, question in enumerate(worksheet.questions.all(), start=1):
        document.add_heading(clean(f"Question {position}: {question.prompt}"), level=1)
        if include_examples and question.example.strip():
            # Under the question's Heading 1, as the PDF's h3 under its h2: no level skipped.
            document.add_heading("Carmen’s example", level=2)
            add_html(document, render_markdown(question.example))
            document.add_heading("My answers", level=2)
        # The roster's part first; after it her prose is the question's "Other notes", as in the PDF.
        if add_roster_notes(document, question.key, roster):
            document.add_heading("Other notes", level=2)
        if question.key == "their-questions":
            faq_position = position
        answer = content.answers.get(question.pk)
        if answer is None or is_blank(answer.text):
            document.add_paragraph("Not answered yet.", style="Quote")
        else:
            add_text_blocks(document, answer_blocks(answer.text))

    # After the questions, before the tips and FAQ, as in the PDF.
    add_outcome_notes(document, prep, reader=reader if reader is not None else prep.owner)
    add_sent_questions(document, sent_questions(prep))
    if include_comments:
        add_comments_appendix(document, comments_for_notes(prep))

    if include_extras:
        extras = extras_context(worksheet)
        if extras["tip_groups"]:
            document.add_heading(clean(worksheet.tips_heading or "Tips"), level=1)
            for group in extras["tip_groups"]:
                document.add_heading(clean(group["title"]), level=2)
                for tip in group["tips"]:
                    add_html(document, tip)
        if extras["faq"]:
            document.add_heading(clean(worksheet.faq_heading or "Frequently asked questions"), level=1)
            printed_above = _linked_faq(roster)
            for entry in extras["faq"]:
                document.add_heading(clean(entry["question"]), level=2)
                if entry["pk"] in printed_above:
                    # Printed in full under question 4 already: once is enough, say where (with a link).
                    pointer = document.add_paragraph("Answered under ")
                    add_internal_link(pointer, linked_faq_bookmark(entry["pk"]), f"question {faq_position}")
                    pointer.add_run(", where a question you expect links it.")
                    continue
                add_html(document, entry["answer_html"])
                if entry["sources_html"]:
                    add_html(document, entry["sources_html"])

    output = io.BytesIO()
    document.save(output)
    filename = notes_filename(
        prep,
        include_examples=include_examples,
        include_extras=include_extras,
        include_comments=include_comments,
        extension="docx",
    )
    return RenderedDocx(filename, DOCX_CONTENT_TYPE, output.getvalue())
