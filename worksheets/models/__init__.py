"""Two kinds of thing live here.

* Content (``content.py``): a published **Worksheet** with its questions, tips and FAQ. Admins edit it.
* Preparation (``prep.py``): a **MeetingPrep** is one user's filled-in copy of a worksheet for one meeting,
  holding one **Answer** per question.
"""

from .content import FAQEntry, Question, Tip, TipGroup, Worksheet
from .prep import Answer, MeetingPrep

__all__ = ["Answer", "FAQEntry", "MeetingPrep", "Question", "Tip", "TipGroup", "Worksheet"]
