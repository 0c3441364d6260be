"""Asking the invited people for their questions, in real Chromium with separate contexts (the director at
1280 px, the invited people on their own devices, one a 375 px phone): she asks three; one sends two
questions, comes back and adds one; a second sends one; she sees them under question 4 with suggested FAQ
answers, accepts two and finds them in the notes PDF and, with her answers, in the brief; a closed and a
withdrawn link answer a clear page."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from playwright.sync_api import expect
from pypdf import PdfReader

from asks.models import QuestionRequest, SentQuestion
from asks.services import group_today
from briefs.models import MeetingBrief
from briefs.services import brief_ensure
from preps.models import ExpectedQuestion
from testsupport.artifacts import SCREENSHOTS
from testsupport.factories import person_create, prep_create, stakeholder_create, user_create

pytestmark = pytest.mark.django_db(transaction=True)


def token_link(message) -> str:
    return re.search(r"https?://\S+/ask/[^/\s]+/", message.body).group(0)


def send(page, *questions: str) -> None:
    for number, text in enumerate(questions, start=1):
        page.get_by_label(re.compile(rf"^Question or concern {number}")).fill(text)
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#ask-sent")).to_contain_text(f"{len(questions)} question")


def test_ask_answer_accept(browser, page, live_server, worksheet, log_in, settings):
    settings.ASKS_MIN_FILL_SECONDS = 0
    owner = user_create("olivia", email_verified=True, first_name="Olivia", last_name="Reyes")
    prep = prep_create(owner=owner, worksheet=worksheet, meeting_title="Crisis team kickoff")
    for name in ("Pat Chief", "Lee Medic", "Sam Dispatch"):
        email = name.split()[0].lower() + "@example.org"
        person = person_create(work_group=prep.work_group, name=name, email=email)
        stakeholder_create(prep=prep, name=name, person=person)

    log_in(owner)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/preps/{prep.pk}/ask/")
    page.get_by_label("Your message").fill("What should we settle at the kickoff?")
    page.get_by_label("Closing date").fill((group_today(prep) + timedelta(days=5)).isoformat())
    page.get_by_role("button", name="Send the e-mails").click()
    expect(page.locator("#questions-sent-in")).to_contain_text("Asked 3 people")
    links = {message.to[0]: token_link(message) for message in mail.outbox}
    assert len(links) == 3

    phone = browser.new_context(viewport={"width": 375, "height": 800})
    pat = phone.new_page()
    pat.goto(links["pat@example.org"])
    expect(pat.get_by_role("heading", name="Your questions for the meeting")).to_be_visible()
    send(pat, "Are programs like this safe for the responders?", "Who answers the calls at night?")
    pat.goto(links["pat@example.org"])
    send(pat, "How many calls will it take each year?")
    expect(pat.get_by_role("list", name="What you sent")).to_contain_text("at night")
    pat.screenshot(path=SCREENSHOTS / "asks-invitee-375.png", full_page=True)
    phone.close()

    laptop = browser.new_context(viewport={"width": 1280, "height": 900})
    lee = laptop.new_page()
    lee.goto(links["lee@example.org"])
    send(lee, "Do alternative response teams replace police?")
    expect(lee.get_by_role("list", name="What you sent")).not_to_contain_text("responders")
    lee.screenshot(path=SCREENSHOTS / "asks-invitee-1280.png", full_page=True)

    page.goto(f"{live_server.url}/preps/{prep.pk}/")  # a reload: only the hash would not fetch it
    sent_in = page.locator("#questions-sent-in")
    expect(sent_in.locator("li.card")).to_have_count(4)
    expect(sent_in).to_contain_text("FAQ answers that fit")
    sent_in.screenshot(path=SCREENSHOTS / "asks-questions-sent-in.png")
    for _ in range(2):
        sent_in.get_by_role("button", name=re.compile("^Accept")).first.click()
        expect(page.locator(".alert-success").first).to_contain_text("Added to the questions you expect")
    assert ExpectedQuestion.objects.filter(prep=prep).count() == 2
    # The first, with the FAQ answer suggested first for it, asked by the one who sent it.
    first = ExpectedQuestion.objects.get(prep=prep, text__contains="responders")
    assert first.faq_entries.get().question == "Are programs like this safe?"
    assert [asker.name for asker in first.askers.all()] == ["Pat Chief"]
    assert SentQuestion.objects.filter(status="accepted").count() == 2

    pdf = page.request.get(f"{live_server.url}/preps/{prep.pk}/pdf/")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "Questions sent in" in text and "responders" in text

    # Once she includes her answers, the brief lists the accepted questions with them (the FAQ's answer).
    brief_ensure(prep=prep)
    MeetingBrief.objects.filter(prep=prep).update(include_expected_answers=True)
    brief = page.request.get(f"{live_server.url}/preps/{prep.pk}/brief/pdf/")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(brief.body())).pages)
    assert "responders" in text and "Our answer" in text

    # Withdrawn, then closed: a clear page, nothing taken.
    page.goto(f"{live_server.url}/preps/{prep.pk}/ask/")
    page.get_by_role("button", name="Withdraw the link of Sam Dispatch").click()
    expect(page.get_by_role("row", name=re.compile("Sam Dispatch"))).to_contain_text("Withdrawn")
    sam = laptop.new_page()
    answer = sam.goto(links["sam@example.org"])
    assert answer.status == 410
    expect(sam.get_by_role("heading", name="This link takes no questions")).to_be_visible()
    QuestionRequest.objects.update(closes_on=group_today(prep) - timedelta(days=1))
    answer = lee.goto(links["lee@example.org"])
    assert answer.status == 410
    expect(lee.locator("main, body").first).to_contain_text("closed on")
    assert SentQuestion.objects.count() == 4
    laptop.close()
