"""Conflicts shown whole (issue 25, point 5), in real Chromium with two users: the owner and Cora Diaz, an
editor, have the same pages open; Cora saves first, so the owner's save of the same field meets a 409.

The conflict box (js/conflict.js) shows both values side by side - "Yours" and "Saved by Cora Diaz at
<time>" - a select's value in words, a merge box prefilled with her value, and "Keep mine", "Keep theirs",
"Save the merge", each of which saves what it says. The box is a labelled group that takes the focus, the
page's live region says what happened, axe finds nothing serious, and at 375 px nothing scrolls sideways."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from briefs.models import MeetingBrief
from core.users import display_name
from preps.models import Answer
from preps.services import expected_question_save
from testsupport.artifacts import SCREENSHOTS
from testsupport.browser import log_in_on
from testsupport.factories import expected_question_create, share_create, stakeholder_create, user_create
from worksheets.models import FAQEntry

pytestmark = pytest.mark.django_db(transaction=True)

SAVED_BY_CORA = re.compile(r"^Saved by Cora Diaz at \d{1,2}:\d{2}\s[AP]M$")


def all_saved(page) -> None:
    expect(page.locator("#save-summary")).to_have_text("All changes saved")


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.fixture
def cora_page(browser, live_server, prep, browser_context_args):
    cora = user_create("cora", first_name="Cora", last_name="Diaz")
    share_create(prep=prep, user=cora, role="editor")
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    log_in_on(page, live_server.url, cora)
    yield page
    context.close()


def test_answer_roster_select_and_askers_conflicts_at_375(
    page, cora_page, live_server, prep, log_in, axe_audit
):
    person = stakeholder_create(prep=prep, name="Dana Whitfield", stance="neutral")
    sam = stakeholder_create(prep=prep, name="Sam Lee")
    question = expected_question_create(prep=prep, text="Will police still come?")
    page.set_viewport_size({"width": 375, "height": 800})
    log_in(prep.owner)
    fill_url = live_server.url + prep.get_absolute_url()
    page.goto(fill_url)
    cora_page.goto(fill_url)
    cora_page.locator("#question-1 textarea").first.fill("Cora's answer")
    all_saved(cora_page)
    cora_page.locator(f"#p{person.pk}-stance").select_option("supportive")
    all_saved(cora_page)
    cora_page.locator(f"#eq-{question.pk}").get_by_label("Dana Whitfield").check()
    expect(cora_page.locator(f"#eq-{question.pk}-status")).to_have_text("Saved")

    # The answer: her text and Cora's side by side; the focus moves to the box; the live region says so.
    answer = page.locator("#question-1 textarea").first
    answer.fill("My answer")
    box = page.locator("#question-1 [data-conflict-for] [data-conflict]")
    expect(box).to_be_focused()
    expect(box).to_have_attribute("role", "group")
    expect(page.get_by_role("group", name=re.compile("changed by Cora Diaz"))).to_have_count(1)
    expect(box.locator(".conflict-mine")).to_have_text(re.compile("^Yours\\s*My answer$"))
    expect(box.locator(".conflict-theirs .conflict-side-title")).to_have_text(SAVED_BY_CORA)
    expect(box.locator(".conflict-theirs .conflict-text")).to_have_text("Cora's answer")
    expect(page.locator("#save-summary")).to_contain_text("this answer was changed by Cora Diaz")
    merge = box.get_by_label("Merge: My answers")
    expect(merge).to_have_value("My answer")

    # The roster select: in words, never the raw key.
    page.locator(f"#p{person.pk}-stance").select_option("skeptical")
    select_box = page.locator("#roster [data-conflict]")
    expect(select_box).to_be_focused()
    expect(select_box.locator(".conflict-mine .conflict-text")).to_have_text("Skeptical")
    expect(select_box.locator(".conflict-theirs .conflict-text")).to_have_text("Supportive")
    expect(select_box.locator(".conflict-theirs .conflict-side-title")).to_have_text(SAVED_BY_CORA)
    assert not re.search(r"\b(supportive|skeptical)\b", select_box.inner_text())
    expect(select_box.locator(".conflict-merge select")).to_have_value("skeptical")
    no_sideways_scroll(page)
    axe_audit("conflict-answer-and-select-375")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    box.screenshot(path=SCREENSHOTS / "conflict-answer-375.png")
    select_box.screenshot(path=SCREENSHOTS / "conflict-select-375.png")

    # Save the merge: the edited merge is what is stored and shown.
    merge.fill("My answer, and Cora's answer")
    box.get_by_role("button", name="Save the merge").click()
    expect(box).to_have_count(0)
    expect(answer).to_have_value("My answer, and Cora's answer")
    expect(answer).to_be_focused()
    # Keep theirs: the select shows Cora's value, the stored one, with nothing more to save.
    select_box.get_by_role("button", name="Keep theirs").click()
    expect(page.locator(f"#p{person.pk}-stance")).to_have_value("supportive")
    all_saved(page)
    assert Answer.objects.get(prep=prep, question__position=1).text == "My answer, and Cora's answer"
    person.refresh_from_db()
    assert person.stance == "supportive"

    # Who may ask it (ticks): names, not ids; the merge ticks both.
    row = page.locator(f"#eq-{question.pk}")
    row.get_by_label("Sam Lee").check()
    askers_box = row.locator("[data-conflict]")
    expect(askers_box).to_be_focused()
    expect(askers_box.locator(".conflict-mine .conflict-text")).to_have_text("Sam Lee")
    expect(askers_box.locator(".conflict-theirs .conflict-text")).to_have_text("Dana Whitfield")
    expect(askers_box.locator(".conflict-theirs .conflict-side-title")).to_have_text(SAVED_BY_CORA)
    askers_box.locator(".conflict-merge").get_by_label("Dana Whitfield").check()
    askers_box.get_by_role("button", name="Save the merge").click()
    expect(page.locator(f"#eq-{question.pk}-status")).to_have_text("Saved")
    assert {p.pk for p in question.askers.all()} == {person.pk, sam.pk}

    page.reload()
    expect(row.get_by_label("Dana Whitfield")).to_be_checked()
    expect(row.get_by_label("Sam Lee")).to_be_checked()
    expect(answer).to_have_value("My answer, and Cora's answer")
    expect(page.locator(f"#p{person.pk}-stance")).to_have_value("supportive")
    expect(page.locator("[data-conflict]")).to_have_count(0)


def test_brief_field_conflict_keep_mine_by_keyboard(page, cora_page, live_server, prep, log_in, axe_audit):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(prep.owner)
    brief_url = live_server.url + reverse("prep_brief", args=[prep.pk])
    page.goto(brief_url)
    cora_page.goto(brief_url)
    cora_page.locator("#id_purpose").fill("Cora's purpose")
    expect(cora_page.locator("#brief-save-status")).to_have_text("Saved")

    page.locator("#id_purpose").fill("My purpose")
    box = page.locator("[data-conflict]")
    expect(box).to_be_focused()
    expect(box.locator(".conflict-field-name")).to_have_text("Purpose")
    expect(box.locator(".conflict-mine .conflict-text")).to_have_text("My purpose")
    expect(box.locator(".conflict-theirs .conflict-text")).to_have_text("Cora's purpose")
    expect(box.locator(".conflict-theirs .conflict-side-title")).to_have_text(SAVED_BY_CORA)
    expect(page.locator("#save-summary")).to_contain_text("the brief was changed by Cora Diaz")
    axe_audit("conflict-brief-1280")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    box.screenshot(path=SCREENSHOTS / "conflict-brief-1280.png")

    # By keyboard: from the box, Tab to the merge box, Tab to "Keep mine", Enter.
    page.keyboard.press("Tab")
    expect(box.get_by_label("Merge: Purpose")).to_be_focused()
    page.keyboard.press("Tab")
    expect(box.get_by_role("button", name="Keep mine")).to_be_focused()
    page.keyboard.press("Enter")
    expect(box).to_have_count(0)
    expect(page.locator("#brief-save-status")).to_have_text("Saved")
    assert MeetingBrief.objects.get(prep=prep).purpose == "My purpose"

    # Cora's page, still on the old version, meets the owner's text and keeps it (Keep theirs).
    cora_page.locator("#id_purpose").fill("Cora again")
    cora_box = cora_page.locator("[data-conflict]")
    expect(cora_box.locator(".conflict-theirs .conflict-side-title")).to_have_text(
        re.compile(f"^Saved by {re.escape(display_name(prep.owner))} at ")
    )
    cora_box.get_by_role("button", name="Keep theirs").click()
    expect(cora_page.locator("#id_purpose")).to_have_value("My purpose")
    assert MeetingBrief.objects.get(prep=prep).purpose == "My purpose"


def test_linking_an_faq_answer_after_another_link_shows_both_lists_and_keeps_the_choice(
    page, live_server, prep, log_in, axe_audit
):
    """Question 4's links save through the same saver: a link meeting a newer version shows both lists of
    linked answers in words, and "Keep mine" saves hers (a conflict there used to say "reload")."""
    cora = user_create("cora", first_name="Cora", last_name="Diaz")
    share_create(prep=prep, user=cora, role="editor")
    question = expected_question_create(prep=prep, text="Will the police still come?")
    police, other = FAQEntry.objects.filter(worksheet=prep.worksheet).order_by("position")[:2]
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(prep.owner)
    page.goto(live_server.url + prep.get_absolute_url())
    row = page.locator(f"#eq-{question.pk}")
    row.locator("textarea[name=text]").fill(police.question)  # its suggestions come, best first
    expect(page.locator(f"#eq-{question.pk}-status")).to_have_text("Saved")
    suggested = row.locator("[data-eq-suggestions] li").filter(has_text=police.question)
    expect(suggested).to_have_count(1)

    # Cora links another answer meanwhile; the owner's link meets her version.
    question.refresh_from_db()
    expected_question_save(
        prep=prep,
        expected_question_id=question.pk,
        base_version=question.version,
        changes={"faq_entries": [str(other.pk)]},
        author=cora,
    )
    suggested.get_by_role("button", name="Link this answer").click()
    box = row.locator("[data-conflict]")
    expect(box).to_be_focused()
    expect(box.locator(".conflict-field-name")).to_have_text("Linked FAQ answers")
    expect(box.locator(".conflict-mine .conflict-text")).to_have_text(police.question)
    expect(box.locator(".conflict-theirs .conflict-text")).to_have_text(other.question)
    expect(page.locator("#save-summary")).to_contain_text("changed by Cora Diaz")
    expect(box.get_by_role("button", name="Save the merge")).to_have_count(0)  # nothing to merge in
    page.mouse.move(0, 0)  # no button left hovered mid-transition
    axe_audit("conflict-linked-faq")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    row.screenshot(path=SCREENSHOTS / "conflict-linked-faq-1280.png")
    page.set_viewport_size({"width": 375, "height": 800})
    no_sideways_scroll(page)
    row.screenshot(path=SCREENSHOTS / "conflict-linked-faq-375.png")
    box.get_by_role("button", name="Keep mine").click()
    expect(page.locator(f"#eq-{question.pk}-status")).to_have_text("Saved")
    expect(row.locator(f"[data-eq-faq='{police.pk}']")).to_have_count(1)
    expect(row.locator(f"[data-eq-faq='{other.pk}']")).to_have_count(0)
    assert list(question.faq_entries.values_list("pk", flat=True)) == [police.pk]
