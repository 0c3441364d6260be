"""A director's meeting preps: a **MeetingPrep** is one user's filled-in copy of a published worksheet for one
meeting, holding one **Answer** per question and its stakeholder roster (``roster.py``). ``access.py`` says
who else may open it; ``history.py`` keeps every saved change; ``blank.py`` defines when a text counts as
unanswered.
A **WorkGroup** (``workgroup.py``) holds a director's meetings with one group of stakeholders, in order,
and its people (``person.py``: each **Person** entered once, with an **EngagementPlan**)."""

from .access import ROLE_HELP, Role, Share
from .blank import BLANK_CHARACTERS, is_blank
from .history import (
    HISTORY_COALESCE,
    AnswerRevision,
    ExpectedQuestionRevision,
    SnapshotRevision,
    StakeholderRevision,
)
from .person import EngagementPlan, Person
from .prep import Answer, MeetingPrep
from .roster import ExpectedQuestion, RosterRemoval, Stakeholder
from .workgroup import WorkGroup, validate_time_zone

__all__ = [
    "ROLE_HELP",
    "Role",
    "Share",
    "BLANK_CHARACTERS",
    "HISTORY_COALESCE",
    "Answer",
    "AnswerRevision",
    "StakeholderRevision",
    "EngagementPlan",
    "ExpectedQuestionRevision",
    "SnapshotRevision",
    "ExpectedQuestion",
    "MeetingPrep",
    "Person",
    "RosterRemoval",
    "Stakeholder",
    "is_blank",
    "validate_time_zone",
    "WorkGroup",
]
