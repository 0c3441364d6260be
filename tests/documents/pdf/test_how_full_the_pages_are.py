"""How full the PDF's pages are: no nearly empty page but the last, measured on the pages'
images (pdftoppm), for the seed worksheet filled, half filled, blank, and with the examples and tips off.
Headings never ending a page is tests/documents/pdf/test_accessibility.py's job.
"""

import io

import pytest
from pypdf import PdfReader

from documents.sources import blank_pdf_source, prep_pdf_source
from testsupport.factories import answer_create
from testsupport.page_fill import LEAST_FILL, fills

ANSWER = (
    "Dana Whitfield runs the 911 center and owns the call-taking protocols; Chief Núñez’s officers take most "
    "behavioral health calls today; Deputy Chief Okafor’s crews co-respond to overdoses. "
) * 3


def answer_all(prep, positions) -> None:
    for position in positions:
        answer_create(prep=prep, question=position, text=f"{ANSWER}\n\n- Dana\n- José\n- Renée\n\n{ANSWER}")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "answered", "examples", "extras"),
    [
        ("filled", (1, 2, 3, 4), True, True),
        ("half-filled", (1, 2), True, True),
        ("blank-prep", (), True, True),
        ("answers-only", (1, 2, 3, 4), False, False),
        ("half-answers-only", (1, 3), False, False),
    ],
)
def test_no_page_but_the_last_is_nearly_empty(prep, name, answered, examples, extras):
    answer_all(prep, answered)
    content = prep_pdf_source(prep, include_examples=examples, include_extras=extras).render()
    page_fills = fills(content, f"fill-{name}")
    assert len(page_fills) >= 2
    assert all(fill >= LEAST_FILL for fill in page_fills[:-1]), [round(fill, 2) for fill in page_fills]
    assert page_fills[-1] > 0.1  # and the last page holds more than a stray line


@pytest.mark.django_db
def test_the_blank_worksheet_starts_question_1_on_its_first_page(worksheet):
    page_fills = fills(blank_pdf_source(worksheet).render(), "fill-blank")
    # The first page used to stop half way: question 1, kept whole, went to page 2.
    assert page_fills[0] > 0.85, [round(fill, 2) for fill in page_fills]
    assert all(fill >= LEAST_FILL for fill in page_fills[:-1]), [round(fill, 2) for fill in page_fills]


@pytest.mark.django_db
def test_the_tips_follow_the_questions_on_the_same_page_when_there_is_room(prep):
    """They used to start a new page, leaving the last answer's page as little as 13% full."""
    answer_all(prep, (1, 2, 3, 4))
    pages = [
        page.extract_text()
        for page in PdfReader(
            io.BytesIO(prep_pdf_source(prep, include_examples=True, include_extras=True).render())
        ).pages
    ]
    tips_page = next(text for text in pages if "Tips for successful collaboration" in text)
    assert not tips_page.lstrip().startswith("Tips for successful collaboration")
    assert "Question 4" in tips_page or "Renée" in tips_page
