"""The meeting brief she hands out names her with her title and how to reach her (given once on the account
page), carries no institutional credit (no GPL paragraph, copyright or designer's line) and says in one line,
under the FAQ answers, whose worksheet they are adapted from; the Word brief says the same."""

import io
import unicodedata

import docx
import pytest
from pypdf import PdfReader

from accounts.services import user_name_set
from briefs.selectors import brief_for_prep
from documents.content import faq_attribution
from documents.docx.brief import brief_docx
from documents.sources import brief_pdf_source
from preps.selectors import prep_with_content

pytestmark = pytest.mark.django_db

INSTITUTIONAL = ("Taubman Center", "© Copyright", "Designed by", "experiential learning")


def pdf_text(content: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def word_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    texts = [paragraph.text for paragraph in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(unicodedata.normalize("NFKC", " ".join(texts)).split())


@pytest.fixture
def convener(rich_prep):
    user_name_set(
        user=rich_prep.owner,
        first_name="Olivia",
        last_name="Martínez",
        title="Director, CARE Program",
        contact="olivia.martinez@springfield.gov · 555-0142",
    )
    return rich_prep


def test_the_brief_names_her_with_her_title_and_how_to_reach_her(convener, brief_pdf):
    text = pdf_text(brief_pdf)
    assert "Convened by Olivia Martínez, Director, CARE Program" in text
    assert "Contact olivia.martinez@springfield.gov · 555-0142" in text


def test_without_a_title_the_brief_names_her_alone(rich_prep, brief_pdf):
    text = pdf_text(brief_pdf)
    assert "Convened by olivia" in text and "Contact" not in text


def test_no_institutional_credit_and_one_line_of_attribution_under_the_faq(rich_prep, brief_pdf):
    text = pdf_text(brief_pdf)
    attribution = faq_attribution(rich_prep.worksheet)
    assert attribution.startswith("Answers adapted from “Preparing to Meet with Public Safety Stakeholders”")
    assert text.count(attribution) == 1
    assert text.index("Answers to questions you may have") < text.index(attribution)
    for words in INSTITUTIONAL:
        assert words not in text, words


def test_the_word_brief_says_the_same(convener):
    text = word_text(brief_docx(brief_for_prep(prep_with_content(convener))).content)
    assert "Olivia Martínez, Director, CARE Program" in text
    assert "olivia.martinez@springfield.gov · 555-0142" in text
    assert text.count(faq_attribution(convener.worksheet)) == 1
    for words in INSTITUTIONAL:
        assert words not in text, words


def test_a_brief_without_faq_answers_has_no_attribution(rich_prep):
    rich_prep.expected_questions.all().delete()
    text = pdf_text(brief_pdf_source(rich_prep).render())
    assert "Answers adapted from" not in text
