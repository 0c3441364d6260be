"""The whole journey in real Chromium: sign up, start a meeting, fill its four steps (8 people, 4 expected
questions), download the notes and the brief; autosave, going offline, a closed tab, two windows."""

import io

import pypdf
import pytest
from playwright.sync_api import expect

from preps.models import Answer, MeetingPrep
from testsupport.browser import sign_up_on

pytestmark = pytest.mark.django_db(transaction=True)


PEOPLE = [
    ("Dana Whitfield", "Director, Springfield 911"),
    ("Chief José Núñez", "Chief of Police"),
    ("Deputy Chief Renée Okafor", "Fire and EMS"),
    ("Marcus Lee", "Assistant City Manager"),
    ("Council member Zoë Park", "Public Safety Committee"),
    ("Dr. Priya Raman", "Behavioral Health"),
    ("Sgt. Tom Becker", "Police Union"),
    ("Alicia Gómez", "911 Shift Supervisor"),
]
EXPECTED = [
    "Will police still be sent to these calls?",
    "Who is liable if a call escalates?",
    "How will 911 transfer a call to the team?",
    "How will you measure success?",
]
NOTES_1 = "Invite the union early — he “feels left out”."
PRIVATE = "Only in the notes: the chief worries about overtime."
NOTES_4 = "Bring the liability report and last year's call data."


def all_saved(page) -> None:
    expect(page.locator("#save-summary")).to_have_text("All changes saved", timeout=15_000)


def pdf_text(download) -> str:
    with open(download.path(), "rb") as pdf_file:
        text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf_file.read())).pages)
    return " ".join(text.split())


@pytest.mark.parametrize(
    "size", [{"width": 1280, "height": 800}, {"width": 375, "height": 667}], ids=["1280", "375"]
)
def test_sign_up_fill_the_four_steps_and_download_the_notes_and_the_brief(page, live_server, worksheet, size):
    page.set_viewport_size(size)
    page.goto(live_server.url)
    page.get_by_role("link", name="Start preparing").click()
    # The e-mailed link's page (choose a password, screen 1) leads to the new meeting's details (screen 2)...
    sign_up_on(page, email="carmen@example.org", first_name="Carmen")
    page.get_by_label("Meeting title").fill("Kickoff with 911 and police")
    page.get_by_label("Meeting date").fill("2026-12-03")
    page.get_by_label("Program name").fill("CARE Team")
    page.get_by_role("button", name="Start preparing").click()
    # ... and then to question 1 (screen 3), where she types her first answer.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Question 1 of 4")
    prep = MeetingPrep.objects.get()

    # Step 1: eight people on the roster, and the other notes.
    for name, role in PEOPLE:
        page.get_by_label("Name (required)").fill(name)
        page.locator("#add-role").fill(role)
        page.get_by_role("button", name="Add to the roster").click()
        expect(page.get_by_text(f"Added {name} to the roster.")).to_be_visible()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Question 1 of 4")
    expect(page.locator("#roster-list > li")).to_have_count(8)
    page.get_by_role("textbox", name="Other notes").fill(NOTES_1)
    all_saved(page)

    # Step 2: what each person brings.
    page.get_by_role("link", name="Next: question 2").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Question 2 of 4")
    for name, role in PEOPLE:
        page.get_by_label(f"{name}: Expertise, data or authority they bring").fill(
            f"{role}: knows the calls."
        )
    all_saved(page)

    # Step 3: what matters to each, a concern, and private notes.
    page.get_by_role("link", name="Next: question 3").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Question 3 of 4")
    for name, _role in PEOPLE:
        page.get_by_label(f"{name}: What matters to them").fill(f"For {name}: fewer repeat calls.")
    page.get_by_label("Chief José Núñez: Their likely concerns").fill("Liability if a call escalates.")
    page.get_by_role("textbox", name="Other notes").fill(PRIVATE)
    all_saved(page)

    # Step 4: the four questions she expects.
    page.get_by_role("link", name="Next: question 4").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Question 4 of 4")
    for count, question in enumerate(EXPECTED, start=1):
        page.locator("#eq-new-text").fill(question)
        page.get_by_role("button", name="Add the question").click()
        expect(page.locator("#eq-list > li")).to_have_count(count, timeout=30_000)
    page.get_by_role("textbox", name="Other notes").fill(NOTES_4)
    all_saved(page)

    # Done: the overview, and the two documents.
    page.get_by_role("link", name="Done: back to the overview").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kickoff with 911 and police")
    expect(page.locator("#answered-count")).to_have_text("4")
    with page.expect_download() as notes_download:
        page.get_by_role("button", name="Download PDF").click()
    notes = pdf_text(notes_download.value)
    assert "kickoff-with-911-and-police" in notes_download.value.suggested_filename
    for typed in (
        NOTES_1,
        NOTES_4,
        PRIVATE,
        "Assistant City Manager: knows the calls.",
        "Liability if a call escalates.",
        "For Alicia Gómez: fewer repeat calls.",
        *EXPECTED,
    ):
        assert typed in notes, typed
    with page.expect_download() as brief_download:
        page.get_by_role("link", name="Download brief PDF").click()
    brief = pdf_text(brief_download.value)
    assert "Kickoff with 911 and police" in brief and "Chief José Núñez" in brief
    assert PRIVATE not in brief and NOTES_1 not in brief
    assert prep.stakeholders.count() == 8 and prep.expected_questions.count() == 4


def test_examples_collapse_and_unsaved_text_survives_going_offline(
    page, live_server, prep, log_in, screenshot
):
    log_in(prep.owner)
    page.goto(live_server.url + prep.get_absolute_url())
    example = page.locator("details.example").first
    expect(example).to_have_attribute("open", "")
    example.locator("summary").click()
    expect(example).not_to_have_attribute("open", "")

    page.context.set_offline(True)
    box = page.get_by_role("textbox", name="My answers").nth(1)
    box.fill("Typed while the network was down")
    expect(page.locator("#save-summary")).to_have_text("Not saved — retrying", timeout=30_000)
    screenshot("fill-offline")
    page.context.set_offline(False)
    expect(page.locator("#save-summary")).to_have_text("All changes saved", timeout=15_000)
    assert Answer.objects.get().text == "Typed while the network was down"


def test_text_typed_before_the_tab_closed_is_restored_and_saved(page, live_server, prep, log_in):
    log_in(prep.owner)
    page.goto(live_server.url + prep.get_absolute_url())
    page.context.set_offline(True)
    page.get_by_role("textbox", name="My answers").first.fill("Not yet on the server")
    page.close()  # the tab closes while offline: only the browser's local copy has the text

    assert not Answer.objects.exists()
    tab = page.context.new_page()
    page.context.set_offline(False)
    tab.goto(live_server.url + prep.get_absolute_url())
    expect(tab.get_by_role("textbox", name="My answers").first).to_have_value("Not yet on the server")
    expect(tab.locator("#save-summary")).to_have_text("All changes saved", timeout=30_000)
    assert Answer.objects.get().text == "Not yet on the server"


def test_conflicting_windows_show_both_texts(page, live_server, prep, log_in):
    log_in(prep.owner)
    other = page.context.new_page()
    for tab in (page, other):
        tab.goto(live_server.url + prep.get_absolute_url())
    other.get_by_role("textbox", name="My answers").first.fill("From the other window")
    expect(other.locator("#save-summary")).to_have_text("All changes saved", timeout=30_000)

    page.get_by_role("textbox", name="My answers").first.fill("From this window")
    box = page.locator("#question-1 [data-conflict-for] [data-conflict]")
    expect(box).to_contain_text("changed in another window", timeout=30_000)
    expect(box.locator(".conflict-theirs .conflict-text")).to_have_text("From the other window")
    expect(box.locator(".conflict-mine .conflict-text")).to_have_text("From this window")
    page.get_by_role("button", name="Keep mine").click()
    expect(page.locator("#save-summary")).to_have_text("All changes saved", timeout=30_000)
    assert Answer.objects.get().text == "From this window"


def test_dashboard_and_delete_confirmation(page, live_server, prep, log_in, screenshot):
    log_in(prep.owner)
    expect(page.get_by_role("link", name="First public safety work group", exact=True)).to_be_visible()
    screenshot("dashboard")
    page.get_by_role("link", name="Delete First public safety work group").click()
    screenshot("delete-confirm")
    page.get_by_role("button", name="Delete this meeting prep").click()
    expect(page.get_by_text("No meeting preps yet")).to_be_visible()
