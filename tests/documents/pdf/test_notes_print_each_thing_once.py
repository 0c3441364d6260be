"""The preparation notes of a director's whole meeting prep (testsupport/rich_world.py: every question
answered, people with notes, two expected questions, one linking two FAQ entries, an outcome) print each thing
once: the roster, each person's notes, each expected question, each linked FAQ answer (under question 4, and
in the FAQ at the end only by its question), each question's prose under "Other notes" after the roster's
part. No page but the last is under a third full, measured on the pages' images, and the credit never sits on
a page alone."""

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from documents.sources import prep_pdf_source
from preps.models import MeetingPrep
from testsupport.page_fill import LEAST_FILL, fills
from testsupport.rich_world import world_build_rich

pytestmark = pytest.mark.django_db

CREDIT_START = "The Government Performance Lab, housed at"


@pytest.fixture
def notes(worksheet) -> tuple[MeetingPrep, bytes]:
    world = world_build_rich()
    prep = MeetingPrep.objects.get(pk=world["paths"]["prep"])
    return prep, prep_pdf_source(prep, include_examples=True, include_extras=True).render()


def page_texts(content: bytes) -> list[str]:
    return [
        " ".join(unicodedata.normalize("NFKC", page.extract_text()).split())
        for page in PdfReader(io.BytesIO(content)).pages
    ]


def test_no_page_but_the_last_is_under_a_third_full(notes):
    _prep, content = notes
    page_fills = fills(content, "fill-rich-world")
    assert all(fill >= LEAST_FILL for fill in page_fills[:-1]), [round(fill, 2) for fill in page_fills]


def test_the_credit_never_holds_a_page_alone(notes):
    _prep, content = notes
    pages = page_texts(content)
    credit_page = next(text for text in pages if CREDIT_START in text)
    before_credit = credit_page[: credit_page.index(CREDIT_START)]
    # More on that page than its running head: the end of the FAQ goes over with it.
    assert "?" in before_credit, credit_page[:200]


def test_each_linked_faq_answer_each_note_and_each_question_is_printed_once(notes):
    prep, content = notes
    text = " ".join(page_texts(content))
    for entry in prep.worksheet.faq_entries.filter(expected_questions__prep=prep).distinct():
        plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", entry.answer)  # a Markdown link's words
        first_words = " ".join(plain.split()[:8])
        assert text.count(first_words) == 1, entry.question
        # In the FAQ at the end, its question points back to question 4.
        assert text.count(f"{entry.question} Answered under question 4, page") == 1
    for expected in prep.expected_questions.all():
        assert text.count(expected.text) == 1, expected.text
    for person in prep.stakeholders.all():
        for note in (person.what_matters, person.concerns, person.expertise):
            if note.strip():
                assert text.count(" ".join(note.split()[:5])) == 1, note
    assert text.count("The people on the roster") == 1
    assert "The power map as a table" not in text


def test_each_questions_prose_follows_its_roster_part_under_other_notes(notes):
    prep, content = notes
    text = " ".join(page_texts(content))
    for position in (1, 2, 3, 4):
        prose = f"Quokkaanswer {position}, draft 2."
        assert text.count(prose) == 1
        assert text.rindex("Other notes", 0, text.index(prose)) > text.index(f"Question {position}")
    assert text.index("The people on the roster") < text.index("Quokkaanswer 1, draft 2.")
    assert text.index("Likely concerns: Liability if a call escalates.") < text.index(
        "Quokkaanswer 3, draft 2."
    )
    assert text.index("How will 911 transfer a call?") < text.index("Quokkaanswer 4, draft 2.")
