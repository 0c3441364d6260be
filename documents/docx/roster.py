"""The roster's parts of the preparation notes as Word, where the PDF has them (documents/pdf/_roster.html),
from the same context (``documents.content.roster_context``), in the same order and words.

Each thing once, as the PDF: under question 1 the roster as one table with each person's influence and
stance, and the power map as a list by quadrant (``preps.power_map.QUADRANTS``, the map's own titles; the PDF
draws it, the table has the ratings); under questions 2 and 3 each person's notes; under question 4 the
expected questions with who may ask, her answer and each linked FAQ answer with its sources, in full the
first time and as a pointer to it when another question links it again. And, when she asks for it, the
appendix of colleagues' comments (sharing/pdf/_comments_appendix.html).
"""

from django.utils import timezone
from django.utils.dateformat import format as date_format

from core.text import printable_text as clean
from core.users import display_name
from sharing.models import Comment

from .blocks import add_bullets, add_labelled, add_table, add_text, bookmark, rtl_if_needed
from .html import add_html


def add_roster_notes(document, question_key: str, roster: dict) -> bool:
    """The roster's part of question ``question_key``, before her prose; whether there was any (her prose
    then goes under "Other notes", as in the PDF)."""
    people = roster["roster"]
    if question_key == "who-attends" and people:
        _add_roster(document, people, roster["power_map"])
        return True
    if question_key == "expertise":
        noted = [person for person in people if person.expertise.strip()]
        for person in noted:
            _person_heading(document, person.name)
            add_text(document, person.expertise)
        return bool(noted)
    if question_key == "what-matters":
        noted = [person for person in people if person.what_matters.strip() or person.concerns.strip()]
        for person in noted:
            _person_heading(document, person.name)
            if person.what_matters.strip():
                add_labelled(document, "What matters to them:", person.what_matters)
            if person.concerns.strip():
                add_labelled(document, "Likely concerns:", person.concerns)
        return bool(noted)
    if question_key == "their-questions":
        for expected in roster["expected_questions"]:
            _add_expected_question(document, expected)
        return bool(roster["expected_questions"])
    return False


def _add_roster(document, people: list, power_map) -> None:
    add_table(
        document,
        "The people on the roster",
        [
            "No.",
            "Name",
            "Title or role",
            "Agency or organisation",
            "Kind",
            "This meeting",
            "Influence, stance",
        ],
        [
            [
                str(number),
                person.name,
                person.role,
                person.organisation,
                person.get_kind_display(),
                person.get_invite_display(),
                _rating(person),
            ]
            for number, person in enumerate(people, start=1)
        ],
    )
    if power_map.labels:
        _add_power_map_list(document, power_map)


def _rating(person) -> str:
    """The roster table's "Influence, stance" cell, in the PDF's words."""
    if not (person.influence or person.stance):
        return "Not rated"
    return f"{person.get_influence_display()}, {person.get_stance_display().lower()}"


def _add_power_map_list(document, power_map) -> None:
    """The map as a list by quadrant, each person by number and name (the table above has the ratings)."""
    document.add_heading("Power map", level=2)
    document.add_paragraph(
        "Each person by their number on the roster, in the quadrant of their influence and stance."
    )
    for quadrant, people in power_map.by_quadrant:
        document.add_heading(clean(quadrant.title), level=3)
        if people:
            add_bullets(document, [f"{number}. {person.name}" for number, person in people])
        else:
            document.add_paragraph("No one yet.")


def _add_expected_question(document, expected) -> None:
    _person_heading(document, expected.text)
    if expected.askers:
        add_labelled(document, "Who may ask:", ", ".join(person.name for person in expected.askers))
    if expected.answer.strip():
        add_labelled(document, "My answer:", expected.answer)
    for entry in expected.linked_faq:
        if entry["first_under"]:
            add_labelled(
                document,
                "From the FAQ:",
                f"“{entry['question']}”, answered above under “{entry['first_under']}”.",
            )
            continue
        heading = document.add_heading(clean(f"From the FAQ: {entry['question']}"), level=3)
        # The FAQ at the end links here instead of printing the answer again.
        bookmark(heading, linked_faq_bookmark(entry["pk"]), entry["pk"])
        add_html(document, entry["answer_html"])
        if entry["sources_html"]:
            document.add_heading("Sources", level=4)
            add_html(document, entry["sources_html"])


def linked_faq_bookmark(faq_pk: int) -> str:
    """The bookmark of an FAQ answer printed under question 4 (the PDF's ``#faq-linked-<pk>``)."""
    return f"faq_linked_{faq_pk}"


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
