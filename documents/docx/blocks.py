"""Paragraphs, bullet lists and tables the Word files share (notes, brief, outcomes, roster), each set right
to left when its text is (``core.bidi``), as the PDFs' ``dir`` attributes do.

Every text goes in through ``printable_text`` (``core.text``): a character XML cannot hold, stored before the
rule that refuses it, would make python-docx's lxml refuse the whole file."""

import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from core.bidi import base_direction
from core.text import printable_text
from documents.content import TextBlock

from .html import add_hyperlink

# An address typed into an answer becomes a link, as a reader would expect; trailing punctuation stays text.
URL = re.compile(r"https?://[^\s<>\"“”]+[^\s<>\"“”.,;:!?)\]’]")


def right_to_left(paragraph) -> None:
    paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))


def rtl_if_needed(paragraph, text: str) -> None:
    if base_direction(text) == "rtl":
        right_to_left(paragraph)


def add_text_with_links(paragraph, text: str) -> None:
    """``text`` as runs, each web address in it a real hyperlink."""
    text = printable_text(text)
    start = 0
    for match in URL.finditer(text):
        if match.start() > start:
            paragraph.add_run(text[start : match.start()])
        add_hyperlink(paragraph, match.group(), match.group())
        start = match.end()
    if start < len(text):
        paragraph.add_run(text[start:])


def add_text_blocks(document, blocks: list[TextBlock]) -> None:
    """A user's text as ``documents.content.answer_blocks`` splits it: bullet lines as Word list paragraphs,
    other lines as paragraphs with line breaks, addresses as links, each block in its own direction."""
    for block in blocks:
        if block.kind == "list":
            for item in block.items:
                paragraph = document.add_paragraph(style="List Bullet")
                add_text_with_links(paragraph, item)
                if block.direction == "rtl":
                    right_to_left(paragraph)
            continue
        paragraph = document.add_paragraph()
        for index, line in enumerate(block.lines):
            add_text_with_links(paragraph, line)
            if index < len(block.lines) - 1:
                paragraph.add_run().add_break()
        if block.direction == "rtl":
            right_to_left(paragraph)


def add_lines(paragraph, text: str) -> None:
    """``text`` as runs with a line break for each newline (the PDFs' ``|linebreaksbr``)."""
    lines = printable_text(text).splitlines() or [""]
    for index, line in enumerate(lines):
        paragraph.add_run(line)
        if index < len(lines) - 1:
            paragraph.add_run().add_break()


def add_text(document, text: str, *, style: str | None = None) -> None:
    """One paragraph of ``text``, its newlines line breaks."""
    paragraph = document.add_paragraph(style=style)
    add_lines(paragraph, text)
    rtl_if_needed(paragraph, text)


def add_bullets(document, texts: list[str]) -> None:
    for text in texts:
        add_text(document, text, style="List Bullet")


def add_labelled(document, label: str, text: str) -> None:
    """A paragraph starting with a bold label ("My answer:") and the text after it."""
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label} ").bold = True
    add_lines(paragraph, text)
    rtl_if_needed(paragraph, text)


def add_table(document, caption: str, header: list[str], rows: list[list[str]]) -> None:
    """A table with its caption above it and a header row Word repeats on each page."""
    # Kept with the table's first row, so a caption never ends a page on its own.
    document.add_paragraph(printable_text(caption), style="Caption").paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = printable_text(text)
        cell.paragraphs[0].runs[0].bold = True
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for values in rows:
        for cell, text in zip(table.add_row().cells, map(printable_text, values), strict=True):
            cell.text = text
            rtl_if_needed(cell.paragraphs[0], text)


def bookmark(paragraph, name: str, number: int) -> None:
    """Mark ``paragraph`` as the bookmark ``name`` (``number`` unique in the file), a place to link to."""
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)
