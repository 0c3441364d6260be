"""What the brief page says is in the brief and what is left out, before she downloads it."""

from .models import PRIVATE_BLOCKS
from .selectors import Brief
from .suggestions import QUESTIONS

ALWAYS_OUT = (
    "your answers to questions 1, 2 and 4",
    "who you expect to ask which question",
    "people you marked “Later” or “Keep informed”",
)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def brief_summary(brief: Brief) -> tuple[list[str], list[str]]:
    """(in, out): short phrases for the page's two lists."""
    row = brief.brief
    ins = ["the meeting’s title, date, time and place"]
    ins += [
        label
        for label, text in (("its purpose", row.purpose), ("the outcome you want", row.desired_outcome))
        if text.strip()
    ]
    ins.append(_count(len(brief.agenda), "agenda item", "agenda items"))
    asked = [q for q in brief.content.expected_questions if q.text.strip()]
    if asked and any(item.suggestion == QUESTIONS for item in brief.agenda):
        ins.append(_count(len(asked), "question", "questions") + " you expect, worded as you wrote them")
    ins.append(
        _count(len(brief.attendees), "invited person", "invited people") + " (names, roles and agencies)"
    )
    if row.primer.strip():
        ins.append("your program primer")
    ins.append(_count(len(brief.faq_entries), "FAQ entry", "FAQ entries") + " with their sources")
    ins += [label for name, label in PRIVATE_BLOCKS.items() if getattr(row, name)]
    outs = [label for name, label in PRIVATE_BLOCKS.items() if not getattr(row, name)] + list(ALWAYS_OUT)
    return ins, outs
