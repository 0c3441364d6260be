"""A director's meeting preps: a **MeetingPrep** is one user's filled-in copy of a published worksheet for one
meeting, holding one **Answer** per question. ``blank.py`` defines when a text counts as unanswered."""

from .blank import BLANK_CHARACTERS, is_blank
from .prep import Answer, MeetingPrep

__all__ = ["BLANK_CHARACTERS", "Answer", "MeetingPrep", "is_blank"]
