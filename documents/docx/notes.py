"""The preparation notes as a Word file: the meeting details and every answer, in the PDF's order.

Headings use Word's own Heading styles (so the navigation pane lists the questions), bullet lines are Word
list paragraphs, and the core properties carry the title, author and language. Each page's footer says the
notes are private, with the date they were prepared, as the PDF's does.
"""

import io
import re
from dataclasses import dataclass

from django.utils.dateformat import format as date_format
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from documents.content import answer_blocks, prep_filename, private_mark
from preps.models import is_blank
from preps.selectors import PrepContent, prep_with_content

# An address typed into an answer becomes a link, as a reader would expect; trailing punctuation stays text.
URL = re.compile(r"https?://[^\s<>\"“”]+[^\s<>\"“”.,;:!?)\]’]")
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


def _right_to_left(paragraph) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.append(OxmlElement("w:bidi"))


def _add_hyperlink(paragraph, url: str) -> None:
    """A real Word hyperlink (w:hyperlink to an external relationship), blue and underlined."""
    relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), relationship)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "1F4E79")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.extend([colour, underline])
    text = OxmlElement("w:t")
    text.text = url
    text.set(qn("xml:space"), "preserve")
    run.extend([properties, text])
    hyperlink.append(run)
    paragraph._p.append(hyperlink)


def _add_text_with_links(paragraph, text: str) -> None:
    start = 0
    for match in URL.finditer(text):
        if match.start() > start:
            paragraph.add_run(text[start : match.start()])
        _add_hyperlink(paragraph, match.group())
        start = match.end()
    if start < len(text):
        paragraph.add_run(text[start:])


def _add_blocks(document, text: str) -> None:
    for block in answer_blocks(text):
        if block.kind == "list":
            for item in block.items:
                paragraph = document.add_paragraph(style="List Bullet")
                _add_text_with_links(paragraph, item)
                if block.direction == "rtl":
                    _right_to_left(paragraph)
        else:
            paragraph = document.add_paragraph()
            for index, line in enumerate(block.lines):
                _add_text_with_links(paragraph, line)
                if index < len(block.lines) - 1:
                    paragraph.add_run().add_break()
            if block.direction == "rtl":
                _right_to_left(paragraph)


def notes_docx(content: PrepContent) -> RenderedDocx:
    prep, worksheet = content.prep, content.worksheet
    document = Document()
    prepared_by = prep.owner.get_full_name() or prep.owner.get_username()
    document.core_properties.title = f"{prep.meeting_title} — {worksheet.title}"
    document.core_properties.author = prepared_by
    document.core_properties.subject = "Preparation notes"
    _set_language(document, LANGUAGE)

    footer = document.sections[0].footer.paragraphs[0]
    footer.text = private_mark(prep)

    document.add_heading(prep.meeting_title, level=0)
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
        paragraph.add_run(value)

    for position, question in enumerate(worksheet.questions.all(), start=1):
        document.add_heading(f"Question {position}: {question.prompt}", level=1)
        answer = content.answers.get(question.pk)
        if answer is None or is_blank(answer.text):
            document.add_paragraph("Not answered yet.", style="Quote")
        else:
            _add_blocks(document, answer.text)

    output = io.BytesIO()
    document.save(output)
    return RenderedDocx(_docx_filename(prep_filename(prep)), DOCX_CONTENT_TYPE, output.getvalue())


def _docx_filename(pdf_name: str) -> str:
    """``prep-<meeting>-<date>.pdf`` → ``prep-<meeting>-<date>-notes.docx``."""
    return pdf_name.removesuffix(".pdf") + "-notes.docx"


def prep_notes_docx(prep) -> RenderedDocx:
    return notes_docx(prep_with_content(prep))
