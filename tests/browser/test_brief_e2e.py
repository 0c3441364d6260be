"""The meeting brief in real Chromium: question 3's text and a person's "what matters" note are in the
preparation notes (PDF and Word) and nowhere in the meeting brief (PDF and Word, read back with pypdf and
python-docx); turning a chosen FAQ entry off (saved by itself) takes it out of the brief; moving an agenda
item with the keyboard changes the order in both files; an item's "Led by" saves by itself. Screenshots of
the brief page at 1280 and 375 px."""

import io

import docx
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from preps.models import Stakeholder
from testsupport.artifacts import SCREENSHOTS
from testsupport.factories import expected_question_create, stakeholder_create
from worksheets.models import FAQEntry

pytestmark = pytest.mark.django_db(transaction=True)

STRATEGY = "Only the notes: the union is wary and the chief feels left out of the planning."
MATTERS = "Only the notes: Chief Alvarez wants fewer repeat calls before the budget vote."


def download(page, name: str) -> str:
    """The text of the file the link or button ``name`` downloads (PDF with pypdf, Word with python-docx)."""
    with page.expect_download() as info:
        page.get_by_role("link", name=name, exact=True).or_(
            page.get_by_role("button", name=name, exact=True)
        ).click()
    content = info.value.path().read_bytes()
    if info.value.suggested_filename.endswith(".pdf"):
        return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages)
    return " ".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def test_the_brief_leaves_private_notes_out_and_follows_her_choices(
    page, live_server, prep, log_in, axe_audit
):
    faq = list(FAQEntry.objects.filter(worksheet=prep.worksheet, is_published=True).order_by("position"))
    chief = stakeholder_create(
        prep=prep, name="Chief Ana Alvarez", role="Chief of Police", organisation="Springfield PD"
    )
    stakeholder_create(prep=prep, name="Dana Whitfield", role="Director", organisation="Springfield 911")
    stakeholder_create(prep=prep, name="Renée Okafor", invite=Stakeholder.Invite.LATER)
    expected_question_create(prep=prep, text="Who is liable?", askers=[chief], faq_entries=[faq[1], faq[3]])
    log_in(prep.owner)
    fill_url = live_server.url + prep.get_absolute_url()

    # Question 3's free text and the chief's "what matters" under question 3, both typed and autosaved.
    page.goto(fill_url)
    page.locator("textarea[name='answer_what-matters']").fill(STRATEGY)
    page.get_by_label("Chief Ana Alvarez: What matters to them").fill(MATTERS)
    expect(page.locator("#save-summary")).to_have_text("All changes saved", timeout=15_000)

    notes = download(page, "Download PDF") + download(page, "Download Word (.docx)")
    assert STRATEGY in notes and MATTERS in notes

    page.get_by_role("link", name="Prepare the brief: agenda, primer, what to include").click()
    expect(page.get_by_role("heading", name="Meeting brief", level=1)).to_be_visible()
    expect(page.locator("#brief-out")).to_contain_text("Stance and influence ratings")
    axe_audit("brief-page")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENSHOTS / f"brief-page-{width}.png", full_page=True)
        assert page.evaluate("document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth")
    page.set_viewport_size({"width": 1280, "height": 900})

    pdf, word = download(page, "Download the brief (PDF)"), download(page, "Download the brief (Word)")
    for text in (pdf, word):
        assert STRATEGY not in text and MATTERS not in text
        assert "Chief Ana Alvarez" in text and "Renée Okafor" not in text
        assert faq[1].question in text and faq[3].question in text

    # Turn a chosen FAQ entry off.
    page.get_by_label(faq[3].question, exact=False).uncheck()
    expect(page.locator("#brief-save-status")).to_have_text("Saved", timeout=30_000)
    pdf, word = download(page, "Download the brief (PDF)"), download(page, "Download the brief (Word)")
    for text in (pdf, word):
        assert faq[1].question in text and faq[3].question not in text

    # Move "Welcome and introductions" down twice, by keyboard alone: the focus comes back to the button.
    move = page.get_by_role("button", name="Move down Welcome and introductions")
    move.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Moved “Welcome and introductions” down.")).to_be_visible()
    expect(move).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".agenda-item-title").nth(2)).to_have_text("Welcome and introductions")
    pdf, word = download(page, "Download the brief (PDF)"), download(page, "Download the brief (Word)")
    for text in (pdf, word):
        order = [
            text.index(t)
            for t in ("How calls could reach the team", "Welcome and introductions", "Your questions")
        ]
        assert order == sorted(order), text

    # An agenda item's fields save on the page like the rest of it.
    page.get_by_label("Led by item 3", exact=True).fill("Dana Whitfield")
    expect(page.locator("#brief-save-status")).to_have_text("Saved", timeout=30_000)
    page.reload()
    expect(page.get_by_label("Led by item 3", exact=True)).to_have_value("Dana Whitfield")
