"""What goes into a worksheet document, as plain data for ``documents/pdf/prep.html``: no WeasyPrint here."""

import re
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from core.bidi import base_direction, script_language
from core.users import display_name
from preps.models import BLANK_CHARACTERS, Answer, MeetingPrep, is_blank
from preps.power_map import power_map
from preps.selectors import PrepContent
from worksheets.markdown import render_markdown
from worksheets.models import Question, Worksheet

# A line typed as "- item", "* item" or "• item" (pasted from a word processor) is a bullet.
BULLET = re.compile(r"^\s*[-*•]\s+(?P<item>.*\S)\s*$")
FILENAME_STEM_MAX = 80
PRIVATE_MARK = "Private: preparation notes"
# Lines to write on under an unanswered question; the blank worksheet gives each question most of a page.
RULED_LINES = 8
RULED_LINES_BLANK = 16
# What one answer may take in the PDF. WeasyPrint's layout cost grows with the lines and list items it lays
# out (~0.5 ms each, and faster than linearly past a few thousand) and with each unbroken run of characters
# that overflow-wrap must split (the line breaker retries the whole run at every line): an answer at the
# 50,000-character limit made of short lines or bullets took over a minute and 500 MiB. So an answer's PDF
# copy stops after PDF_ANSWER_MAX_LINES lines or items (or PDF_ANSWER_MAX_CHARS characters) with a visible
# note, and a run of more than WORD_BREAK_EVERY characters gets a break opportunity (U+200B) every
# WORD_BREAK_EVERY characters. The fill page always shows the whole answer.
PDF_ANSWER_MAX_LINES = 400
PDF_ANSWER_MAX_CHARS = 50_000
WORD_BREAK_EVERY = 30
ZERO_WIDTH_SPACE = "\u200b"
LONG_RUN = re.compile(r"[^\s\u200b]{" + str(WORD_BREAK_EVERY + 1) + ",}")
# Carmen's first example points to the tips; the PDF makes it "(see Tips, page N)" (worksheet.css), or drops
# it when the tips are left out.
TIPS_REFERENCE = "(see Tips)"
# The page number is outside the link: generated content inside a link becomes a second link inside it.
TIPS_LINK = mark_safe('(see <a href="#tips">Tips</a><span class="page-of" data-target="#tips"></span>)')
LINK = re.compile(r'(<a href="(?P<address>[^"]+)"[^>]*>.*?</a>)', re.DOTALL)


@dataclass(frozen=True)
class TextBlock:
    """A paragraph (``lines`` joined by line breaks) or a bullet list (``items``) of a plain-text answer."""

    kind: str  # "paragraph" or "list"
    lines: tuple[str, ...] = ()
    items: tuple[str, ...] = ()

    @property
    def direction(self) -> str:
        """``rtl`` for a block that starts in Arabic or Hebrew: it reads right to left, right-aligned."""
        return base_direction(" ".join(self.lines or self.items))

    @property
    def language(self) -> str:
        """``ar``, ``he``, ``zh``, ``ja``, ``ko`` for a block in those scripts, read in that language."""
        return script_language(" ".join(self.lines or self.items))


@dataclass(frozen=True)
class QuestionSection:
    question: Question
    example_html: str
    answer_blocks: list[TextBlock] = field(default_factory=list)
    # Characters of the answer left out of the PDF (see PDF_ANSWER_MAX_LINES); 0 when it is all there.
    omitted_characters: int = 0
    has_roster_notes: bool = False  # the roster's table or per-person notes follow the answer

    @property
    def is_answered(self) -> bool:
        return bool(self.answer_blocks)


def answer_blocks(text: str) -> list[TextBlock]:
    """Split plain text into paragraphs (at blank lines) and bullet lists; the strings stay plain text."""
    blocks: list[TextBlock] = []
    for chunk in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip(BLANK_CHARACTERS)]
        blocks.extend(_blocks_in_chunk(lines))
    return blocks


def _blocks_in_chunk(lines: list[str]) -> list[TextBlock]:
    blocks: list[TextBlock] = []
    run: list[str] = []
    run_is_list = False
    for line in lines:
        bullet = BULLET.match(line)
        if run and bool(bullet) != run_is_list:
            blocks.append(_block(run, run_is_list))
            run = []
        run_is_list = bool(bullet)
        run.append(bullet["item"] if bullet else line)
    if run:
        blocks.append(_block(run, run_is_list))
    return blocks


def break_long_runs(text: str) -> str:
    """``text`` with a zero-width space every WORD_BREAK_EVERY characters of any longer unbroken run."""

    def split(match: re.Match) -> str:
        run = match.group()
        return ZERO_WIDTH_SPACE.join(
            run[i : i + WORD_BREAK_EVERY] for i in range(0, len(run), WORD_BREAK_EVERY)
        )

    return LONG_RUN.sub(split, text)


def capped_answer(text: str) -> tuple[str, int]:
    """The part of an answer the PDF lays out, and how many characters of it are left out."""
    cut = min(len(text), PDF_ANSWER_MAX_CHARS)
    lines, position = 0, 0
    while position < cut:
        newline = text.find("\n", position, cut)
        if newline < 0:
            break
        if text[position:newline].strip(BLANK_CHARACTERS):
            lines += 1
            if lines >= PDF_ANSWER_MAX_LINES:
                cut = newline
                break
        position = newline + 1
    kept = text[:cut]
    omitted = len(text[cut:].strip(BLANK_CHARACTERS))
    return kept, omitted


def texts_beyond_pdf(content: PrepContent) -> list[str]:
    """Every answer's whole text, in question order: the notes' Word file holds them in full where the PDF
    lays out a part (``capped_answer``), so its cache key covers them (``documents.docx.cache``)."""
    return [content.answer_text(question) for question in content.questions]


def _block(run: list[str], is_list: bool) -> TextBlock:
    return TextBlock("list", items=tuple(run)) if is_list else TextBlock("paragraph", lines=tuple(run))


def prep_filename(prep: MeetingPrep) -> str:
    """``meeting-prep-<meeting title>-<date>.pdf``, Unicode letters kept (the view adds an ASCII fallback)."""
    stem = slugify(prep.meeting_title, allow_unicode=True)[:FILENAME_STEM_MAX].strip("-_") or "meeting"
    date = f"-{prep.meeting_date.isoformat()}" if prep.meeting_date else ""
    return f"meeting-prep-{stem}{date}.pdf"


def notes_filename(
    prep: MeetingPrep,
    *,
    include_examples: bool = True,
    include_extras: bool = True,
    include_comments: bool = False,
    extension: str = "pdf",
) -> str:
    """``meeting-prep-<meeting>-<date>-notes[-no-examples][-no-tips-faq][-comments].<extension>``: a name for
    each variant of the preparation notes, PDF or Word."""
    variant = ("" if include_examples else "-no-examples") + ("" if include_extras else "-no-tips-faq")
    variant += "-comments" if include_comments else ""
    return prep_filename(prep).removesuffix(".pdf") + f"-notes{variant}.{extension}"


def blank_filename(worksheet: Worksheet) -> str:
    return f"{slugify(worksheet.slug)[:FILENAME_STEM_MAX] or 'worksheet'}-blank.pdf"


def page_size() -> str:
    # The programs are US 911 services, so US Letter; a deployment elsewhere can set PDF_PAGE_SIZE = "A4".
    return "A4" if str(getattr(settings, "PDF_PAGE_SIZE", "")).upper() == "A4" else "letter"


def question_sections(
    worksheet: Worksheet, answers: dict[int, Answer], *, include_examples: bool, include_tips: bool
) -> list[QuestionSection]:
    return [
        QuestionSection(
            question=question,
            example_html=pointing_to_tips(render_markdown(question.example), include_tips)
            if include_examples
            else "",
            **_answer_of(answers.get(question.pk)),
        )
        for question in worksheet.questions.all()
    ]


def _answer_of(answer: Answer | None) -> dict:
    # The one definition of "unanswered" (preps.models.blank), as on the fill page and the dashboard.
    if answer is None or is_blank(answer.text):
        return {"answer_blocks": []}
    kept, omitted = capped_answer(answer.text.replace("\r\n", "\n").replace("\r", "\n"))
    return {"answer_blocks": answer_blocks(break_long_runs(kept)), "omitted_characters": omitted}


def pointing_to_tips(html: str, include_tips: bool) -> str:
    """An example's "(see Tips)" as a link to the tips with their page number, or gone without them."""
    if TIPS_REFERENCE not in html:
        return html
    if include_tips:
        return mark_safe(html.replace(TIPS_REFERENCE, TIPS_LINK))  # noqa: S308 - safe HTML, a constant in it
    return mark_safe(html.replace(f" {TIPS_REFERENCE}", "").replace(TIPS_REFERENCE, ""))  # noqa: S308


def no_runt(title: str) -> str:
    """A title whose last two words are joined by a no-break space, so no line holds one word alone."""
    words = title.split()
    return " ".join(words[:-2] + ["\u00a0".join(words[-2:])]) if len(words) > 2 else title


# Whose worksheet the FAQ answers come from: the one line the handout prints about it (no institutional
# paragraph, no copyright or designer's credit in a document that is hers).
WORKSHEET_PUBLISHER = "the Harvard Kennedy School Government Performance Lab"


def faq_attribution(worksheet: Worksheet) -> str:
    """ "Answers adapted from “Preparing to Meet with Public Safety Stakeholders” (Innovations in 911
    Response), the Harvard Kennedy School Government Performance Lab." """
    series = f" ({worksheet.series_title})" if worksheet.series_title.strip() else ""
    return f"Answers adapted from “{worksheet.title}”{series}, {WORKSHEET_PUBLISHER}."


def faq_citations(sources: str) -> list[str]:
    """An FAQ entry's sources (Markdown, one a line, bulleted or not) as citations to run into a sentence:
    each one's inline HTML, with a linked source's address after its name for paper."""
    citations = []
    for line in sources.splitlines():
        text = BULLET.sub(r"\g<item>", line).strip()
        if not text:
            continue
        html = str(render_markdown(text)).strip().removeprefix("<p>").removesuffix("</p>").rstrip(" .")
        html = LINK.sub(r'\1<span class="source-address"> (\g<address>)</span>', html)
        citations.append(mark_safe(html))  # noqa: S308 - sanitised by render_markdown, the address escaped
    return citations


def extras_context(worksheet: Worksheet) -> dict:
    tip_groups = [
        {"title": group.title, "tips": [render_markdown(tip.text) for tip in group.tips.all()]}
        for group in worksheet.tip_groups.all()
    ]
    faq = [
        {
            "pk": entry.pk,
            "question": entry.question,
            "answer_html": render_markdown(entry.answer),
            "sources_html": render_markdown(entry.sources) if entry.sources.strip() else "",
            "citations": faq_citations(entry.sources),
        }
        for entry in worksheet.published_faq()
    ]
    return {"tip_groups": [group for group in tip_groups if group["tips"]], "faq": faq}


def worksheet_context(worksheet: Worksheet, *, include_intro: bool, include_extras: bool) -> dict:
    return {
        "worksheet": worksheet,
        "worksheet_title": no_runt(worksheet.title),
        "introduction_html": render_markdown(worksheet.introduction) if include_intro else "",
        "credit_html": render_markdown(worksheet.credit),
        "page_size": page_size(),
        **(extras_context(worksheet) if include_extras else {"tip_groups": [], "faq": []}),
    }


def prep_context(content: PrepContent, *, include_examples: bool, include_extras: bool) -> dict:
    """Carmen's examples and the introduction that presents her travel together: both or neither."""
    prep, worksheet, answers = content.prep, content.worksheet, content.answers
    base = worksheet_context(worksheet, include_intro=include_examples, include_extras=include_extras)
    faq = base["faq"]
    return {
        **base,
        "prep": prep,
        "prepared_by": display_name(prep.owner),
        "sections": [
            replace(section, has_roster_notes=_has_roster_notes(content, section.question.key))
            for section in question_sections(
                worksheet, answers, include_examples=include_examples, include_tips=include_extras
            )
        ],
        "document_title": f"{prep.meeting_title} — {worksheet.title}",
        "ruled_lines": range(RULED_LINES),
        "private_mark": private_mark(prep),
        **_faq_printed_once(roster_context(content), faq),
    }


def _faq_printed_once(roster: dict, faq: list[dict]) -> dict:
    """Each FAQ answer printed once: in full under the first expected question it is linked to, and in the
    FAQ at the end only by its question with where to find it (``in_question_4``)."""
    linked = {entry["pk"] for expected in roster["expected_questions"] for entry in expected.linked_faq}
    for entry in faq:
        entry["in_question_4"] = entry["pk"] in linked
    return roster


def _has_roster_notes(content: PrepContent, key: str) -> bool:
    if key == "who-attends":
        return bool(content.stakeholders)
    if key == "their-questions":
        return bool(content.expected_questions)
    return any(person.answers_question(key) for person in content.stakeholders)


@dataclass(frozen=True)
class ExpectedQuestionPDF:
    text: str
    answer: str
    askers: list
    linked_faq: list[dict]


def roster_context(content: PrepContent) -> dict:
    """The roster under question 1, each person's notes under questions 2 and 3, question 4's expected
    questions with who may ask, the director's answer and each linked FAQ answer with its sources: in full
    the first time, and as a pointer to it (``first_under``) when another question links it again."""
    first_under: dict[int, str] = {}
    expected = []
    for question in content.expected_questions:
        linked = []
        for entry in question.faq_entries.all():
            linked.append(
                {
                    "pk": entry.pk,
                    "question": entry.question,
                    "answer_html": render_markdown(entry.answer),
                    "sources_html": render_markdown(entry.sources) if entry.sources.strip() else "",
                    "citations": faq_citations(entry.sources),
                    "first_under": first_under.get(entry.pk, ""),
                }
            )
            first_under.setdefault(entry.pk, question.text)
        expected.append(
            ExpectedQuestionPDF(
                text=question.text,
                answer=question.answer,
                askers=list(question.askers.all()),
                linked_faq=linked,
            )
        )
    drawn = power_map(content.stakeholders)
    return {
        "roster": content.stakeholders,
        "expected_questions": expected,
        "power_map": drawn,
        "power_map_svg": mark_safe(drawn.svg),  # noqa: S308 - built by preps.power_map, every text escaped
    }


def private_mark(prep: MeetingPrep) -> str:
    """Every page's footer of the notes: private, and as of the last edit (a date in settings.TIME_ZONE).

    The date is the prep's, not the download's: an unchanged prep renders the same PDF (and hits the cache).
    """
    prepared = timezone.localtime(prep.updated_at).date() if prep.updated_at else timezone.localdate()
    return f"{PRIVATE_MARK} · prepared {date_format(prepared, 'F j, Y')}"


def blank_context(worksheet: Worksheet) -> dict:
    return {
        **worksheet_context(worksheet, include_intro=True, include_extras=True),
        "prep": None,
        "sections": question_sections(worksheet, {}, include_examples=True, include_tips=True),
        "document_title": worksheet.title,
        "ruled_lines": range(RULED_LINES_BLANK),
    }
