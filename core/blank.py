"""One definition of an unanswered text, shared by SQL (the dashboard's progress) and Python (the fill page,
the documents, the export).

A text of nothing but these characters counts as unanswered. SQL's plain TRIM strips only spaces and Python's
``strip()`` strips its own list, so both get this one list: every character Python calls white space (which
includes every Unicode space separator, Zs, such as the no-break space Word pastes), plus the invisible
zero-width ones that Python does not count as white space but a reader cannot see either.
"""

from django.db.models import Func, TextField, Value

WHITE_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
INVISIBLE = "\u180e\u200b\u200c\u200d\u2060\ufeff"
BLANK_CHARACTERS = WHITE_SPACE + INVISIBLE


def is_blank(text: str | None) -> bool:
    return not (text or "").strip(BLANK_CHARACTERS)


class TrimBlank(Func):
    """TRIM(text, BLANK_CHARACTERS): the same two-argument form on SQLite and PostgreSQL."""

    function = "TRIM"
    output_field = TextField()

    def __init__(self, expression):
        super().__init__(expression, Value(BLANK_CHARACTERS))
