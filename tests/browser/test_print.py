"""The fill page in Chromium: answer boxes grow with their text, and Ctrl+P prints every answer whole."""

import io
import unicodedata

import pypdf
import pytest
from playwright.sync_api import expect

from testsupport.artifacts import ROOT
from testsupport.factories import answer_create

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = 2000
LAST_LINE = "and this is the very last line of the long answer"


def long_answer() -> str:
    words = [f"word{index}" for index in range(1, WORDS - 9)] + LAST_LINE.split()
    paragraphs = [" ".join(words[start : start + 150]) for start in range(0, len(words), 150)]
    return "\n\n".join(paragraphs)


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_answer_boxes_grow_as_she_types_without_an_inner_scroll_bar(page, live_server, prep, log_in):
    log_in(prep.owner)
    page.goto(live_server.url + prep.get_absolute_url())
    box = page.get_by_role("textbox", name="My answers").first
    before = box.bounding_box()["height"]

    box.fill("\n".join(f"Line {number}" for number in range(1, 41)))

    after = box.bounding_box()["height"]
    assert after > before * 2
    # No inner scroll bar: the box is as tall as its text.
    assert box.evaluate("b => b.scrollHeight <= b.clientHeight + 1")
    box.fill("Short again")
    assert box.bounding_box()["height"] < after / 2
    # Autosave is still running: let it finish before the test's database is emptied.
    expect(page.locator("#save-summary")).to_have_text("All changes saved", timeout=30_000)


def test_printing_the_fill_page_prints_a_2000_word_answer_whole_and_no_controls(
    page, live_server, prep, log_in
):
    question = prep.worksheet.questions.get(position=2)
    answer_create(prep=prep, question=question, text=long_answer())
    answer_create(prep=prep, question=prep.worksheet.questions.get(position=4), text="A short answer to four")
    log_in(prep.owner)
    page.goto(live_server.url + prep.get_absolute_url())
    expect(page.get_by_role("textbox", name="My answers").nth(1)).to_have_value(long_answer())

    page.emulate_media(media="print")
    pdf = page.pdf(format="Letter", print_background=False)
    artifacts = ROOT / "artifacts" / "print"
    artifacts.mkdir(parents=True, exist_ok=True)
    (artifacts / "fill-page-printed.pdf").write_bytes(pdf)
    text = pdf_text(pdf)

    assert "word1 word2 word3" in text
    assert LAST_LINE in text
    assert "word1000" in text and "word1990" in text
    assert "A short answer to four" in text
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) >= 3
    controls = (
        "Save answers",
        "Download PDF",
        "Log out",
        "My meeting preps",
        "Include Carmen",
        "Edit meeting details",
        "Back to question",
    )
    for control in controls:
        assert control not in text, control
