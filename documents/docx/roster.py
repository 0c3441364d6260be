"""The roster's parts of the preparation notes as Word, where the PDF has them (documents/pdf/_roster.html),
from the same context (``documents.content.roster_context``), in the same order and words.

Under question 1 the roster and the power map as a table (the map itself is a picture the PDF draws; Word
gets its description, as the PDF's caption says it); under questions 2 and 3 each person's notes; under
question 4 the expected questions with who may ask, her answer and each linked FAQ answer with its sources.
And, when she asks for it, the appendix of colleagues' comments (sharing/pdf/_comments_appendix.html).
"""

from django.utils import timezone
from django.utils.dateformat import format as date_format

from core.text import printable_text as clean
from core.users import display_name
from sharing.models import Comment

from .blocks import add_bullets, add_labelled, add_table, add_text, rtl_if_needed
from .html import add_html


def add_roster_notes(document, question_key: str, roster: dict) -> None:
    """What follows question ``question_key``'s answer in the notes: nothing for a question with none."""
    people = roster["roster"]
    if question_key == "who-attends" and people:
        _add_roster(document, people, roster["power_map"])
    elif question_key == "expertise":
        for person in people:
            if person.expertise.strip():
                _person_heading(document, person.name)
                add_text(document, person.expertise)
    elif question_key == "what-matters":
        for person in people:
            if person.what_matters.strip() or person.concerns.strip():
                _person_heading(document, person.name)
                if person.what_matters.strip():
                    add_labelled(document, "What matters to them:", person.what_matters)
                if person.concerns.strip():
                    add_labelled(document, "Likely concerns:", person.concerns)
    elif question_key == "their-questions":
        for expected in roster["expected_questions"]:
            _add_expected_question(document, expected)


def _add_roster(document, people: list, power_map) -> None:
    add_table(
        document,
        "The people on the roster",
        ["Name", "Title or role", "Agency or organisation", "Kind", "This meeting"],
        [
            [
                person.name,
                person.role,
                person.organisation,
                person.get_kind_display(),
                person.get_invite_display(),
            ]
            for person in people
        ],
    )
    if power_map.labels:
        document.add_paragraph(clean(f"Power map: {power_map.description}"), style="Caption")
        add_table(
            document,
            "The power map as a table",
            ["No.", "Name", "Influence", "Stance"],
            [
                [str(number), person.name, person.get_influence_display(), person.get_stance_display()]
                for number, person in enumerate(people, start=1)
            ],
        )


def _add_expected_question(document, expected) -> None:
    _person_heading(document, expected.text)
    if expected.askers:
        add_labelled(document, "Who may ask:", ", ".join(person.name for person in expected.askers))
    if expected.answer.strip():
        add_labelled(document, "My answer:", expected.answer)
    for entry in expected.linked_faq:
        document.add_heading(clean(f"From the FAQ: {entry['question']}"), level=3)
        add_html(document, entry["answer_html"])
        if entry["sources_html"]:
            document.add_heading("Sources", level=4)
            add_html(document, entry["sources_html"])


def _person_heading(document, text: str) -> None:
    """A person or an expected question under its question (Heading 1), beside "My answers"."""
    rtl_if_needed(document.add_heading(clean(text), level=2), text)


def add_comments_appendix(document, comments: list[Comment]) -> None:
    """Every comment, open and resolved, in the order written (``sharing.selectors.comments_for_notes``);
    its date in the reader's time zone, as the PDF's ``|date``."""
    if not comments:
        return
    heading = document.add_heading("Appendix: colleagues’ comments", level=1)
    heading.paragraph_format.page_break_before = True
    document.add_paragraph(
        "Comments left on this meeting prep, in the order they were written. "
        "They are never in the meeting brief."
    )
    add_bullets(document, [_comment_line(comment) for comment in comments])


def _comment_line(comment: Comment) -> str:
    author = display_name(comment.author) if comment.author else "A former colleague"
    about = comment.stakeholder.name if comment.stakeholder else f"question {comment.question.position}"
    resolved = "" if comment.is_open else " (resolved)"
    written = date_format(timezone.localtime(comment.created_at), "M j, Y")
    return f"{author}, {written}, on {about}{resolved}: {comment.text}"
