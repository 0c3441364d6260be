"""After the meeting, in real Chromium: a prep's meeting is set in the past; "Record how it went" records
two attendees, a decision, two commitments (one done), an open question and one person's new stance; "Prepare
the next meeting" makes meeting 2, which has the new stance on its power map, the open question in question
4, the open commitment on the brief's agenda and under "Since last time", and a link back to meeting 1, which
is unchanged. The .ics file parses with the icalendar library and holds no private note. Screenshots of the
outcome page at 1280 and 375 px; axe on the outcome and series pages."""

import datetime
import io

import icalendar
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from preps.models import ExpectedQuestion, MeetingPrep, Stakeholder
from testsupport.artifacts import SCREENSHOTS
from testsupport.factories import answer_create, stakeholder_create

pytestmark = pytest.mark.django_db(transaction=True)

PRIVATE_ANSWER = "Only the notes: the chief feels left out of the planning."
PRIVATE_STANCE_NOTE = "Only the notes: she warmed up after the call data."


def saved(page) -> None:
    expect(page.locator("#save-summary")).to_have_text("All changes saved", timeout=15_000)


def download(page, name: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.get_by_role("link", name=name).first.click()
    return info.value.suggested_filename, info.value.path().read_bytes()


def test_record_the_outcome_and_prepare_the_next_meeting(page, live_server, prep, log_in, axe_audit):
    stakeholder_create(
        prep=prep, name="Dana Whitfield", role="Director", stance="skeptical", influence="high"
    )
    stakeholder_create(prep=prep, name="Chief Ana Alvarez", stance="neutral", influence="high")
    stakeholder_create(prep=prep, name="Renée Okafor", stance="supportive", influence="low")
    answer_create(prep=prep, question=1, text=PRIVATE_ANSWER)
    log_in(prep.owner)
    past = datetime.date.today() - datetime.timedelta(days=3)

    # The meeting's date, set in the past: the fill page then offers to record how it went.
    page.goto(live_server.url + f"/preps/{prep.pk}/details/")
    page.locator("input[name=meeting_date]").fill(past.isoformat())
    page.get_by_role("button", name="Save details").click()
    expect(page.get_by_text("This meeting has passed.")).to_be_visible()
    page.get_by_role("link", name="Record how it went").click()
    expect(page.get_by_role("heading", name="How it went", level=1)).to_be_visible()

    # Two attendees ticked from the roster (each saves itself).
    page.get_by_label("Dana Whitfield").check()
    page.get_by_label("Chief Ana Alvarez").check()
    saved(page)
    # A decision, two commitments and an open question (plain forms: each reloads the page).
    page.get_by_label("A decision").fill("Pilot the co-responder line in district 3")
    page.get_by_role("button", name="Add decision").click()
    page.get_by_label("A commitment: what was promised").fill("Share six months of call data")
    page.locator("#new-commitment-owner_person").select_option(label="Dana Whitfield")
    page.get_by_label("Due", exact=True).last.fill((past + datetime.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Add commitment").click()
    page.get_by_label("A commitment: what was promised").fill("Send the MOU draft")
    page.get_by_label("or another owner").last.fill("Carmen (program director)")
    page.get_by_role("button", name="Add commitment").click()
    page.get_by_label("An open question").fill("Who answers the line after midnight?")
    page.get_by_role("button", name="Add open question").click()
    # The MOU was sent: ticked done (autosaved). Dana's stance changes, with a note.
    page.locator("#commitment li, li[id^=commitment-]").nth(1).get_by_label("Done").check()
    dana = page.locator("[id^=stance-]").filter(has_text="Dana Whitfield")
    dana.get_by_label("Stance now").select_option("supportive")
    dana.get_by_label("Why it changed").fill(PRIVATE_STANCE_NOTE)
    saved(page)

    axe_audit("outcome-page")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENSHOTS / f"outcome-page-{width}.png", full_page=True)
        assert page.evaluate("document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth")
    page.set_viewport_size({"width": 1280, "height": 900})

    # The calendar event: a maintained library reads it; no private note is in it.
    name, ics = download(page, "Add this meeting to a calendar (.ics)")
    event = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    assert name.endswith(".ics") and str(event["summary"]) == prep.meeting_title
    assert event.decoded("dtstart") == past
    for private in (PRIVATE_ANSWER, PRIVATE_STANCE_NOTE, "Skeptical", "Dana Whitfield"):
        assert private.encode() not in ics

    # Prepare the next meeting: a date is required.
    next_date = past + datetime.timedelta(days=35)
    page.get_by_label("Date of the next meeting").fill(next_date.isoformat())
    page.get_by_role("button", name="Prepare the next meeting").click()
    expect(page.get_by_text("The meeting prep for the next meeting is ready")).to_be_visible()
    second = MeetingPrep.objects.exclude(pk=prep.pk).get()
    assert page.url.endswith(f"/preps/{second.pk}/")

    # Meeting 2: the updated stance on the power map, the open question in question 4.
    map_row = page.locator(".power-map-table tr").filter(has_text="Dana Whitfield")
    expect(map_row).to_contain_text("Supportive")
    expect(page.locator("#question-4 textarea[name=text]")).to_have_value(
        "Who answers the line after midnight?"
    )
    # The open commitment on the brief's agenda and under "Since last time"; the done one only there.
    page.goto(live_server.url + f"/preps/{second.pk}/brief/")
    expect(page.locator("#agenda")).to_contain_text("Follow-up: Share six months of call data")
    expect(page.locator("#agenda")).not_to_contain_text("Send the MOU draft")
    since = page.locator("#since-last-time")
    expect(since).to_contain_text("Pilot the co-responder line in district 3")
    expect(since).to_contain_text("Share six months of call data — Dana Whitfield")
    _, brief_pdf = download(page, "Download the brief (PDF)")
    brief_text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(brief_pdf)).pages)
    assert "Since last time" in brief_text and "Follow-up: Share six months of call data" in brief_text
    assert PRIVATE_STANCE_NOTE not in brief_text

    # The series page: both meetings and Dana's stance across them.
    page.goto(live_server.url + f"/preps/{second.pk}/series/")
    expect(page.locator("table.timeline tr").filter(has_text="Dana Whitfield")).to_contain_text(
        "Skeptical → Supportive"
    )
    axe_audit("series-page")
    page.screenshot(path=SCREENSHOTS / "series-page-1280.png", full_page=True)

    # The link back, and meeting 1 unchanged.
    page.goto(live_server.url + f"/preps/{second.pk}/")
    page.get_by_role("link", name="Back to the previous meeting prep").click()
    assert page.url.endswith(f"/preps/{prep.pk}/")
    expect(page.locator(".power-map-table tr").filter(has_text="Dana Whitfield")).to_contain_text("Skeptical")
    prep.refresh_from_db()
    assert prep.meeting_date == past and prep.previous is None
    assert Stakeholder.objects.get(prep=prep, name="Dana Whitfield").stance == "skeptical"
    assert not ExpectedQuestion.objects.filter(prep=prep).exists()
