"""The whole journey in real Chromium: sign up, start a meeting, type, autosave, reload, download the PDF."""

import io

import pypdf
import pytest
from playwright.sync_api import expect

from preps.models import Answer
from testsupport.browser import sign_up_on

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_up_fill_autosave_reload_and_download(page, live_server, worksheet, screenshot):
    page.goto(live_server.url)
    screenshot("home")
    page.get_by_role("link", name="Start preparing").click()

    sign_up_on(page, email="carmen@example.org", first_name="Carmen")

    page.get_by_label("Meeting title").fill("Kickoff with 911 and police")
    page.get_by_label("Meeting date").fill("2026-12-03")
    page.get_by_label("Program name").fill("CARE Team")
    page.get_by_role("button", name="Start preparing").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kickoff with 911 and police")

    answer_text = "Chief José Núñez — he “feels left out”, so invite him first."
    first_box = page.get_by_role("textbox", name="My answers").first
    first_box.fill(answer_text)
    status = page.locator("#status-" + worksheet.questions.get(position=1).key)
    expect(status).to_have_text("Saved", timeout=10_000)
    expect(page.locator("#save-summary")).to_have_text("All changes saved")
    expect(page.locator("#answered-count")).to_have_text("1")
    assert Answer.objects.get().text == answer_text
    screenshot("fill-saved")
    screenshot("fill-viewport", full_page=False)

    page.reload()
    expect(page.get_by_role("textbox", name="My answers").first).to_have_value(answer_text)

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert "kickoff-with-911-and-police" in download.suggested_filename
    with open(download.path(), "rb") as pdf_file:
        text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf_file.read())).pages)
    assert "Núñez" in text
    assert "Kickoff with 911 and police" in text


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
    expect(page.locator("#save-summary")).to_have_text("Not saved — retrying", timeout=10_000)
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
    expect(tab.locator("#save-summary")).to_have_text("All changes saved", timeout=10_000)
    assert Answer.objects.get().text == "Not yet on the server"


def test_conflicting_windows_show_both_texts(page, live_server, prep, log_in):
    log_in(prep.owner)
    other = page.context.new_page()
    for tab in (page, other):
        tab.goto(live_server.url + prep.get_absolute_url())
    other.get_by_role("textbox", name="My answers").first.fill("From the other window")
    expect(other.locator("#save-summary")).to_have_text("All changes saved", timeout=10_000)

    page.get_by_role("textbox", name="My answers").first.fill("From this window")
    box = page.locator("#question-1 [data-conflict-for] [data-conflict]")
    expect(box).to_contain_text("changed in another window", timeout=10_000)
    expect(box.locator(".conflict-theirs .conflict-text")).to_have_text("From the other window")
    expect(box.locator(".conflict-mine .conflict-text")).to_have_text("From this window")
    page.get_by_role("button", name="Keep mine").click()
    expect(page.locator("#save-summary")).to_have_text("All changes saved", timeout=10_000)
    assert Answer.objects.get().text == "From this window"


def test_dashboard_and_delete_confirmation(page, live_server, prep, log_in, screenshot):
    log_in(prep.owner)
    expect(page.get_by_role("link", name="First public safety work group", exact=True)).to_be_visible()
    screenshot("dashboard")
    page.get_by_role("link", name="Delete First public safety work group").click()
    screenshot("delete-confirm")
    page.get_by_role("button", name="Delete this meeting prep").click()
    expect(page.get_by_text("No meeting preps yet")).to_be_visible()
