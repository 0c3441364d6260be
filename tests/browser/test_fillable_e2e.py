"""The fillable PDF's round trip in real Chromium: download it, fill two fields outside the browser
(pypdf), change one of those answers on the site in the meantime, import the file, see the diff and the
conflict choice, import, and find exactly the chosen texts. Screenshots of the import pages at 1280 and
375 px; axe on the preview."""

import pytest
from playwright.sync_api import expect

from preps.models import Answer
from testsupport.artifacts import SCREENSHOTS
from testsupport.factories import answer_create
from testsupport.fillable import field_named, fill_with_pypdf

pytestmark = pytest.mark.django_db(transaction=True)

OFFLINE_Q1 = "Invite Chief “Dana” Ortiz, the 911 director and Renée from EMS 🚑\nThen the council aide."
OFFLINE_Q2 = "Chief Ortiz: patrol data.\nשלום: the 911 director has call codes."
ONLINE_Q2 = "Typed on the site while the PDF was out."


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
        assert page.evaluate("document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_filled_pdf_comes_back_with_the_conflict_chosen(
    page, live_server, prep, log_in, axe_audit, tmp_path
):
    questions = list(prep.worksheet.questions.all())
    answer_create(prep=prep, question=questions[0], text="Invite the chief.", version=1)
    answer_create(prep=prep, question=questions[1], text="Patrol data.", version=1)
    log_in(prep.owner)
    page.goto(live_server.url + prep.get_absolute_url())

    with page.expect_download() as info:
        page.get_by_role("link", name="Download fillable PDF").click()
    assert info.value.suggested_filename.endswith("-fillable.pdf")
    content = info.value.path().read_bytes()

    # Outside the browser: two fields filled, as a PDF viewer would.
    filled = tmp_path / "filled.pdf"
    q1, q2 = field_named(content, "answer:who-attends:"), field_named(content, "answer:expertise:")
    filled.write_bytes(fill_with_pypdf(content, {q1: OFFLINE_Q1, q2: OFFLINE_Q2}))

    # Meanwhile, question 2 changes on the site.
    box = page.locator("textarea[name='answer_expertise']")
    box.fill(ONLINE_Q2)
    expect(page.locator("#save-summary")).to_have_text("All changes saved", timeout=15_000)

    page.get_by_role("link", name="Import a filled PDF").click()
    expect(page.get_by_role("heading", name="Import a filled PDF", level=1)).to_be_visible()
    shoot(page, "import-upload")
    page.get_by_label("Filled PDF").set_input_files(str(filled))
    page.get_by_role("button", name="Show the changes").click()

    expect(page.get_by_role("heading", name="Changes to import", level=1)).to_be_visible()
    q1_card = page.locator("section.import-item").filter(has_text="Question 1")
    q2_card = page.locator("section.import-item").filter(has_text="Question 2")
    expect(q1_card.locator("ins").first).to_be_visible()  # the changes are marked
    expect(q1_card.get_by_label("Import this change")).to_be_checked()
    expect(q2_card).to_contain_text("changed on the site after the PDF was made")
    expect(q2_card).to_contain_text(ONLINE_Q2)
    expect(q2_card.get_by_label("Keep mine: the PDF’s text")).to_be_visible()
    expect(q2_card.get_by_label("Use the saved text (import nothing here)")).to_be_visible()
    axe_audit("import-preview")
    shoot(page, "import-preview")
    assert Answer.objects.get(prep=prep, question=questions[1]).text == ONLINE_Q2  # nothing stored yet

    # Without a choice for the conflict the browser will not send the form; merge and edit it.
    q2_card.get_by_label("Merge: both texts, edited below").check()
    merged = f"{ONLINE_Q2}\n{OFFLINE_Q2}"
    q2_card.get_by_label("Merged text").fill(merged)
    page.get_by_role("button", name="Import the chosen changes").click()
    expect(page.get_by_text("Imported 2 change(s) from the PDF.")).to_be_visible()

    assert Answer.objects.get(prep=prep, question=questions[0]).text == OFFLINE_Q1
    assert Answer.objects.get(prep=prep, question=questions[1]).text == merged
    expect(page.locator("textarea[name='answer_who-attends']")).to_have_value(OFFLINE_Q1)
