"""The agenda a new brief starts with: the items the issue's directors asked for, ready to accept, edit,
reorder or drop. Plain data, so the selectors (an unsaved default brief) and the services (the first save)
build the same list."""

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
