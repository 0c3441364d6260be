"""A director's meeting preps: a **MeetingPrep** is one user's filled-in copy of a published worksheet for one
meeting, holding one **Answer** per question and its stakeholder roster (``roster.py``).
``blank.py`` defines when a text counts as unanswered."""

from .blank import BLANK_CHARACTERS, is_blank
from .prep import Answer, MeetingPrep
from .roster import ExpectedQuestion, Stakeholder

__all__ = ["BLANK_CHARACTERS", "Answer", "ExpectedQuestion", "MeetingPrep", "Stakeholder", "is_blank"]
