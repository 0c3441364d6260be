"""One definition of "answered" (preps/models/blank.py), the same in SQL (the dashboard's progress), on the
fill page, in the autosave's progress and in the documents: tested with every Unicode space."""

import sys
import unicodedata

import pytest
from django.urls import reverse

from documents.content import prep_context
from preps.models import BLANK_CHARACTERS, is_blank
from preps.selectors import prep_answered_count, prep_with_content, preps_for_dashboard
from testsupport.factories import answer_create

UNICODE_SPACES = sorted(
    {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace() or unicodedata.category(chr(c)) == "Zs"}
)
INVISIBLE = ["\u200b", "\u2060", "\ufeff"]  # zero-width space, word joiner, byte order mark


def test_every_unicode_space_is_blank():
    assert len(UNICODE_SPACES) >= 29
    missing = [f"U+{ord(c):04X}" for c in UNICODE_SPACES + INVISIBLE if c not in BLANK_CHARACTERS]
    assert not missing


def answered_everywhere(prep) -> dict[str, int]:
    """How many questions count as answered: in SQL, in Python, in the notes document."""
    content = prep_with_content(prep)
    sections = prep_context(content, include_examples=False, include_extras=False)["sections"]
    return {
        "dashboard (SQL)": preps_for_dashboard(prep.owner).get(pk=prep.pk).answered_count,
        "autosave (SQL)": prep_answered_count(prep),
        "fill page": content.answered_count,
        "document": sum(section.is_answered for section in sections),
    }


@pytest.mark.django_db
def test_an_answer_of_only_spaces_is_unanswered_everywhere(prep):
    # Question 1: every kind of space, each on its own line; question 2: a real word among them.
    answer_create(prep=prep, question=1, text="\n".join(UNICODE_SPACES + INVISIBLE))
    answer_create(prep=prep, question=2, text="\u00a0\u3000Chief Núñez\u200b\n")
    assert answered_everywhere(prep) == dict.fromkeys(answered_everywhere(prep), 1)


@pytest.mark.django_db
@pytest.mark.parametrize("space", UNICODE_SPACES + INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_each_space_alone_is_unanswered(prep, space):
    answer_create(prep=prep, question=1, text=space * 3)
    assert is_blank(space * 3)
    assert set(answered_everywhere(prep).values()) == {0}


@pytest.mark.django_db
def test_a_no_break_space_answer_shows_as_unanswered_on_the_fill_page(owner_client, prep):
    answer_create(prep=prep, question=1, text="\u00a0")
    response = owner_client.get(reverse("prep_fill", args=[prep.pk]))
    assert response.context["answered_count"] == 0
