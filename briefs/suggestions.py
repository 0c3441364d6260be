"""The agenda a new brief starts with: the items the issue's directors asked for, ready to accept, edit,
reorder or drop. Plain data, so the selectors (an unsaved default brief) and the services (the first save)
build the same list. And the next meeting's brief (``next_brief``): built on the last meeting's outcome."""

import datetime
from dataclasses import dataclass

QUESTIONS = "questions"  # the item under which the brief lists the questions she expects


@dataclass(frozen=True)
class SuggestedItem:
    key: str
    title: str
    minutes: int
    note: str


SUGGESTED_AGENDA: tuple[SuggestedItem, ...] = (
    SuggestedItem(
        "welcome", "Welcome and introductions", 10, "Who is here, and what each agency does today."
    ),
    SuggestedItem(
        "purpose", "Why we are here: the program’s purpose", 10, "What the program is for and who it serves."
    ),
    SuggestedItem(
        "calls",
        "How calls could reach the team",
        15,
        "Which 911 calls could go to the responders, and how they would be handed over.",
    ),
    SuggestedItem(
        QUESTIONS,
        "Your questions",
        20,
        "The questions we expect, with answers from the research at the end of this brief.",
    ),
    SuggestedItem("next-steps", "Roles and next steps", 5, "Who does what before we meet again."),
)


# The next meeting of a work group: a brief that starts from the last one's outcome, never a copy of the last
# brief's purpose and agenda. Plain data in, plain data out: outcomes.series gathers the outcome and saves.

FOLLOW_UP_MINUTES = 5  # each open follow-up its own slot, so each gets its own time on the agenda


@dataclass(frozen=True)
class FollowUp:
    what: str
    owner: str
    due: datetime.date | None


@dataclass(frozen=True)
class LastOutcome:
    """What the last meeting left: its title, decisions, open follow-ups and questions still open."""

    meeting_title: str
    decisions: tuple[str, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    open_questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class NextItem:
    key: str  # "" for a follow-up, else the suggestion it began as (QUESTIONS lists the expected questions)
    title: str
    minutes: int
    lead: str
    note: str


@dataclass(frozen=True)
class NextBrief:
    purpose: str
    desired_outcome: str
    agenda: tuple[NextItem, ...]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _purpose(last: LastOutcome) -> str:
    """Counts, never the last meeting's title or decisions: a colleague invited to this meeting alone may
    not read those (its "Since last time" shows them to those who may)."""
    purpose = "Pick up where our last meeting left off"
    if last.decisions:
        n = len(last.decisions)
        purpose += f", building on the {n} decision{'s' if n != 1 else ''} we made"
    purpose += "."
    counts = []
    if last.follow_ups:
        n = len(last.follow_ups)
        counts.append(f"review the {n} open follow-up{'s' if n != 1 else ''}")
    if last.open_questions:
        n = len(last.open_questions)
        counts.append(f"settle the {n} question{'s' if n != 1 else ''} left open")
    if counts:
        purpose += " We will " + " and ".join(counts) + "."
    return purpose


def _desired_outcome(last: LastOutcome) -> str:
    wanted = []
    if last.follow_ups:
        wanted.append("each follow-up done, or given an owner and a new date")
    if last.open_questions:
        wanted.append("an answer, or someone to find one, for each question left open")
    wanted.append("the next steps agreed, each with an owner")
    text = "; ".join(wanted)
    return text[0].upper() + text[1:] + "."


def _follow_up_item(follow_up: FollowUp, title_max: int, note_max: int) -> NextItem:
    what = _one_line(follow_up.what)
    title = _shortened(f"Follow-up: {what}", title_max)
    due = f"Due {follow_up.due:%B %-d, %Y}." if follow_up.due else ""
    note = due if title.endswith(what) else _shortened(f"{what} {due}".strip(), note_max)
    return NextItem("", title, FOLLOW_UP_MINUTES, _shortened(follow_up.owner, title_max), note)


def next_brief(
    last: LastOutcome, *, title_max: int, note_max: int, text_max: int, items_max: int
) -> NextBrief:
    """The next meeting's purpose, desired outcome and agenda, built on ``last``: a welcome, what was
    decided (the brief's "Since last time" lists it), each open follow-up as its own item with its own
    time, the questions (those left open are on question 4 already) and the next steps."""
    agenda = [NextItem("welcome", "Welcome and what has changed since last time", 5, "", "")]
    if last.decisions:
        agenda.append(NextItem("decisions", "Since last time: what we decided and what changed", 5, "", ""))
    room = items_max - len(agenda) - 2
    agenda += [_follow_up_item(f, title_max, note_max) for f in last.follow_ups[: max(room, 0)]]
    agenda.append(
        NextItem(
            QUESTIONS,
            "Questions left open, and yours",
            15 if last.open_questions else 10,
            "",
            "The questions the last meeting left open, and new ones, with answers at the end of this brief.",
        )
    )
    agenda.append(
        NextItem("next-steps", "Roles and next steps", 5, "", "Who does what before we meet again.")
    )
    return NextBrief(
        _shortened(_purpose(last), text_max), _shortened(_desired_outcome(last), text_max), tuple(agenda)
    )
