"""The questions the invited people sent in (asks), in the Word notes as in the PDF: private notes only."""

from asks.models import SentQuestion

from .blocks import add_bullets


def add_sent_questions(document, questions: list[SentQuestion]) -> None:
    if not questions:
        return
    document.add_heading("Questions sent in", level=1)
    add_bullets(document, [_line(question) for question in questions])


def _line(question: SentQuestion) -> str:
    named = "" if question.may_name_me else " (not to be named)"
    status = (
        "" if question.status == SentQuestion.Status.NEW else f" · {question.get_status_display().lower()}"
    )
    return f"{question.text} — {question.link.stakeholder.name}{named}{status}"
