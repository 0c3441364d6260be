"""The meeting brief as a Word file, from the same ``BriefDocument`` as its PDF and in the same order.

Headings are Word's Heading 1-3 (the PDF's h1-h3, so the navigation pane lists the sections), the agenda a
numbered list with its expected questions as a bullet list under their item, attendees a bullet list, FAQ
sources cited on one line as in the PDF, their addresses real hyperlinks; the core properties carry the
title, author, subject and language.
"""

import io

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from docx import Document

from briefs.selectors import Brief
from core.text import printable_text as clean
from core.users import display_name
from documents.brief import BRIEF_TITLE, BriefDocument, brief_document, brief_filename
from outcomes.selectors import OutcomeView, since_last_time

from .blocks import add_text_blocks, rtl_if_needed
from .html import add_html
from .notes import DOCX_CONTENT_TYPE, LANGUAGE, RenderedDocx, _set_language
from .outcomes import add_since_last_time, since_last_time_present


def _add_agenda(document, brief: BriefDocument) -> None:
    for item in brief.agenda:
        paragraph = document.add_paragraph(style="List Number")
        if item.time:
            paragraph.add_run(clean(f"{item.time} ")).bold = True
        paragraph.add_run(clean(item.title)).bold = True
        rtl_if_needed(paragraph, item.title)
        if item.facts:
            paragraph.add_run(clean(f" · {item.facts}"))
        if item.note.strip():
            paragraph.add_run().add_break()
            paragraph.add_run(clean(item.note))
        for question in item.questions:
            line = document.add_paragraph(style="List Bullet 2")
            line.add_run(clean(question.text))
            rtl_if_needed(line, question.text)
            if question.answer:
                line.add_run().add_break()
                line.add_run(clean(f"Our answer: {question.answer}"))
            if question.see_faq:
                line.add_run().add_break()
                line.add_run(clean("See: " + "; ".join(f"“{title}”" for title in question.see_faq)))


def _add_attendees(document, brief: BriefDocument) -> None:
    for person in brief.attendees:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(clean(person.name)).bold = True
        rtl_if_needed(paragraph, person.name)
        if person.role_and_agency:
            paragraph.add_run(clean(f" — {person.role_and_agency}"))
        for extra in ([person.ratings] if person.ratings else []) + [f"{k}: {v}" for k, v in person.notes]:
            paragraph.add_run().add_break()
            paragraph.add_run(clean(extra))


def _add_citations(document, citations: list[str]) -> None:
    """An FAQ answer's sources as the PDF cites them (``faq_citations``' inline HTML): one line, "Sources:
    A; B (address).", links real hyperlinks; a labelled line, never a bold line standing for a heading."""
    label = "Sources:" if len(citations) > 1 else "Source:"
    cited = mark_safe("; ".join(citations))  # noqa: S308 - each sanitised by faq_citations
    add_html(document, format_html("<p><strong>{}</strong> {}.</p>", label, cited))


def brief_docx_document(brief: BriefDocument, *, author: str, since: OutcomeView | None = None) -> bytes:
    """``since``: the previous meeting's outcome, for "Since last time" after the agenda (as the PDF)."""
    document = Document()
    document.core_properties.title = clean(brief.document_title)
    document.core_properties.author = clean(author)
    document.core_properties.subject = BRIEF_TITLE
    _set_language(document, LANGUAGE)
    document.sections[0].footer.paragraphs[0].text = BRIEF_TITLE

    document.add_paragraph(BRIEF_TITLE, style="Subtitle")
    document.add_heading(clean(brief.meeting_title), level=1)
    for label, value in brief.details:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(clean(value))
    sections = (
        ("Purpose", brief.purpose, lambda: add_text_blocks(document, brief.purpose)),
        ("Desired outcome", brief.desired_outcome, lambda: add_text_blocks(document, brief.desired_outcome)),
        ("Agenda", brief.agenda, lambda: _add_agenda(document, brief)),
        ("Since last time", since_last_time_present(since), lambda: add_since_last_time(document, since)),
        ("Who is invited", brief.attendees, lambda: _add_attendees(document, brief)),
        ("About the program", brief.primer, lambda: add_text_blocks(document, brief.primer)),
        (brief.question3_title, brief.question3, lambda: add_text_blocks(document, brief.question3)),
    )
    for title, present, add in sections:
        if present:
            document.add_heading(clean(title), level=2)
            add()
    if brief.faq:
        document.add_heading(clean(brief.faq_heading), level=2)
        for entry in brief.faq:
            document.add_heading(clean(entry["question"]), level=3)
            add_html(document, entry["answer_html"])
            if entry["citations"]:
                _add_citations(document, entry["citations"])
        document.add_paragraph(clean(brief.attribution))
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def brief_docx(brief: Brief, *, reader=None) -> RenderedDocx:
    """``reader``: who downloads it ("Since last time" only if she may open that meeting); the owner if
    None."""
    owner = brief.prep.owner
    author = display_name(owner)
    since = since_last_time(brief.prep, reader=reader if reader is not None else owner)
    content = brief_docx_document(brief_document(brief), author=author, since=since)
    return RenderedDocx(brief_filename(brief, extension="docx"), DOCX_CONTENT_TYPE, content)
