"""Nothing typed is lost (issue 25, point 3): on every editable page, text typed into every field - a new row
not yet added included - survives pressing every other button of the page and a reload, at desktop and phone
widths; and text typed without a network survives closing the tab and is saved once the network is back.

The fields and buttons are found in the page, not listed here: every visible input, textarea and select
(checkboxes and radios are ticks, not text; file inputs choose a file), and every visible button but the
ones that remove, sign out or make another meeting prep. Everything the page's one saver (js/saver.js) saves
goes through this, so a field that is not saved and not kept fails here."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from outcomes.services import outcome_ensure, outcome_row_add
from preps.models import Answer, Stakeholder
from testsupport.factories import expected_question_create, share_create, stakeholder_create, user_create

pytestmark = pytest.mark.django_db(transaction=True)

# Buttons left alone: they take something away, sign out, make another meeting prep or fetch a file.
SKIPPED_BUTTONS = (
    r"^(Remove|Yes, remove|Log out|Delete|Prepare the next meeting|Import|Download|Don’t link|Unlink)"
)

# Every visible text field, textarea and select of the page with an id, but those of the page's shell.
FIELDS_JS = """() => Array.from(document.querySelectorAll("main input, main textarea, main select"))
  .filter(el => el.id && el.offsetParent !== null && !el.disabled && !el.readOnly)
  .filter(el => !["hidden", "checkbox", "radio", "file", "submit", "button", "password", "search"]
    .includes(el.type))
  .filter(el => !el.closest("[data-conflict]"))
  .map(el => ({id: el.id, tag: el.tagName, type: el.type, value: el.value,
               form: el.form ? el.form.action : "",
               options: el.tagName === "SELECT" ? Array.from(el.options).map(o => o.value) : [],
               max: el.getAttribute("max")}))"""

# The page's buttons, each by its visible words (without a visually hidden tail naming a row, which typing
# may change) and its place among the buttons of the same words.
PRESSABLE_JS = """
  const pressable = Array.from(document.querySelectorAll("main button, main input[type=submit]"))
    .filter(el => el.offsetParent !== null && !el.disabled && !el.closest("[data-conflict]"));
  const wordsOf = el => (el.tagName === "INPUT" ? el.value : el.childNodes[0].textContent)
    .replace(/\\s+/g, " ").trim();
"""

BUTTONS_JS = (
    "(skipped) => {"
    + PRESSABLE_JS
    + """
  const seen = {};
  return pressable.map(el => {
    const words = wordsOf(el);
    seen[words] = (seen[words] || 0) + 1;
    return {words: words, nth: seen[words] - 1};
  }).filter(button => button.words && !new RegExp(skipped).test(button.words));
}"""
)

# Marks the button found by BUTTONS_JS, if the page still has it, for the test to press.
MARK_JS = (
    "([words, nth]) => {"
    + PRESSABLE_JS
    + """
  const same = pressable.filter(el => wordsOf(el) === words);
  document.querySelectorAll("[data-walk-press]").forEach(el => el.removeAttribute("data-walk-press"));
  if (same.length <= nth) return false;
  same[nth].setAttribute("data-walk-press", "");
  return true;
}"""
)

# The page is still: no post under way, every save answered (typed text saved, or refused and said so).
STILL_JS = """() => !window.prepmeetSaver || (!window.prepmeetSaver.busy() &&
  Object.values(window.prepmeetSaver.savers)
    .every(saver => !saver.inFlight && !["pending", "saving"].includes(saver.state)))"""
AWAY_OR_STILL_JS = STILL_JS.replace("() => ", "() => !window.__walked || ", 1)

# What the page holds now: each field's value by id, and the page's text (an added row shows its words).
PAGE_JS = """() => ({
  values: Object.fromEntries(Array.from(document.querySelectorAll("main input, main textarea, main select"))
    .filter(el => el.id).map(el => [el.id, el.value])),
  all: Array.from(document.querySelectorAll("main input, main textarea, main select")).map(el => el.value),
  text: document.querySelector("main").innerText,
})"""


def settle(page) -> None:
    """Waits for the page to be still: a post it started has brought the next page, every save is answered."""
    page.wait_for_function(AWAY_OR_STILL_JS, polling=100, timeout=30_000)
    page.wait_for_load_state()
    page.wait_for_function(STILL_JS, polling=100, timeout=30_000)
    page.evaluate("window.__walked = true")  # gone once a post brings the next page


def type_into_every_field(page, tag: str, forms: dict[str, str]) -> dict[str, str]:
    """A distinct value in every field the page shows; returns them by field id, and fills ``forms`` with
    the form each field posts with."""
    typed = {}
    for n, field in enumerate(page.evaluate(FIELDS_JS)):
        forms[field["id"]] = field["form"]
        locator = page.locator(f"[id='{field['id']}']")
        if field["tag"] == "SELECT":
            others = [value for value in field["options"] if value and value != field["value"]]
            if not others:
                continue
            locator.select_option(others[-1])
            typed[field["id"]] = others[-1]
        elif field["type"] == "number":
            value = str(min(int(field["max"] or 999), 5 + n))
            locator.fill(value)
            typed[field["id"]] = value
        elif field["type"] == "date":
            value = (datetime.date(2027, 1, 1) + datetime.timedelta(days=n)).isoformat()
            locator.fill(value)
            typed[field["id"]] = value
        elif field["type"] == "time":
            value = f"09:{n % 60:02d}"
            locator.fill(value)
            typed[field["id"]] = value
        else:
            value = f"{tag} {n} words"
            locator.fill(value)
            typed[field["id"]] = value
    assert typed, "no field found"
    return typed


def assert_kept(page, typed: dict[str, str], forms: dict[str, str], where: str) -> None:
    """Every value typed is in its field, or (a new row that was added, a comment posted) on the page; a
    choice in a select went with its form when the text typed with it did."""
    held = page.evaluate(PAGE_JS)

    def kept(field_id: str) -> bool:
        value = typed[field_id]
        return held["values"].get(field_id) == value or value in held["all"] or value in held["text"]

    def posted(field_id: str) -> bool:
        return any(
            forms[other] == forms[field_id] and held["values"].get(other) != typed[other] and kept(other)
            for other in typed
            if other != field_id and forms[field_id]
        )

    lost = [(field_id, typed[field_id]) for field_id in typed if not kept(field_id) and not posted(field_id)]
    assert not lost, f"lost {where}: {lost}"


def walk(page, url: str, tag: str) -> None:
    """Type into every field of the page at ``url``, press each other button, reload: nothing is lost."""
    page.goto(url)
    settle(page)
    forms: dict[str, str] = {}
    typed = type_into_every_field(page, tag, forms)
    buttons = page.evaluate(BUTTONS_JS, SKIPPED_BUTTONS)
    assert buttons, "no button found"
    for button in buttons:
        if not page.evaluate(MARK_JS, [button["words"], button["nth"]]):
            continue  # the button went with a press before it (the last row moved away)
        page.locator("[data-walk-press]").click()
        settle(page)
        if page.url.split("#")[0] != url:
            page.goto(url)  # the button's form went to another page (the meeting details save): come back
            settle(page)
        assert_kept(page, typed, forms, f"after pressing {button['words']!r} {button['nth']}")
    page.reload()
    settle(page)
    assert_kept(page, typed, forms, "after a reload")


@pytest.fixture
def full_prep(prep):
    """A prep with something in every list: two people, a question expected, an outcome with a row of each
    kind, and a meeting date (the outcome page's link needs none, the details form shows it)."""
    dana = stakeholder_create(prep=prep, name="Dana Whitfield", role="Director", stance="skeptical")
    stakeholder_create(prep=prep, name="Sam Lee", stance="neutral")
    expected_question_create(prep=prep, text="Will officers still respond?", askers=[dana])
    outcome_ensure(prep=prep)
    outcome_row_add(prep=prep, kind_name="attendee", changes={"name": "Renée Okafor"})
    outcome_row_add(prep=prep, kind_name="decision", changes={"text": "Pilot in district 3"})
    outcome_row_add(prep=prep, kind_name="commitment", changes={"what": "Share call data"})
    outcome_row_add(prep=prep, kind_name="open-question", changes={"text": "Who answers after midnight?"})
    return prep


PAGES = ["prep_fill", "prep_brief", "outcome_record", "prep_edit"]


@pytest.mark.parametrize("width", [1280, 375])
def test_every_field_of_every_page_survives_every_button_and_a_reload(
    page, live_server, full_prep, log_in, width
):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(full_prep.owner)
    for name in PAGES:
        walk(page, live_server.url + reverse(name, args=[full_prep.pk]), f"{name}-{width}")


def test_text_typed_offline_survives_closing_the_tab_and_is_saved_when_back_online(
    page, context, live_server, full_prep, log_in
):
    log_in(full_prep.owner)
    url = live_server.url + full_prep.get_absolute_url()
    page.goto(url)
    settle(page)
    context.set_offline(True)
    answer = page.get_by_role("textbox", name="My answers").first
    answer.fill("Written on the train")
    page.locator("[id^=p][id$=-role]").first.fill("Deputy director, offline")
    page.get_by_label("Name (required)").fill("Someone met offline")
    expect(page.locator("#save-summary")).to_have_text("Not saved — retrying")
    page.close()

    context.set_offline(False)
    again = context.new_page()
    again.goto(url)
    expect(again.get_by_role("textbox", name="My answers").first).to_have_value("Written on the train")
    expect(again.locator("#save-summary")).to_have_text("All changes saved")
    expect(again.get_by_label("Name (required)")).to_have_value("Someone met offline")  # a draft, not added
    assert Answer.objects.get(prep=full_prep, question__position=1).text == "Written on the train"
    assert Stakeholder.objects.filter(prep=full_prep, role="Deputy director, offline").exists()
    again.reload()
    settle(again)
    expect(again.get_by_role("textbox", name="My answers").first).to_have_value("Written on the train")


def test_a_commenters_comment_boxes_survive_every_button_and_a_reload(page, live_server, full_prep, log_in):
    """A commenter's only fields on the fill page are the comment boxes (and whom a comment is about)."""
    commenter = user_create("cora")
    share_create(prep=full_prep, user=commenter, role="commenter")
    log_in(commenter)
    walk(page, live_server.url + full_prep.get_absolute_url(), "comment")


def test_an_answer_kept_by_the_earlier_script_is_taken_over_and_saved(page, live_server, full_prep, log_in):
    """Text typed before this saver arrived, kept under the fill page's earlier key, is put back and saved."""
    log_in(full_prep.owner)
    url = live_server.url + full_prep.get_absolute_url()
    page.goto(url)
    settle(page)
    question_key = full_prep.worksheet.questions.order_by("position").first().key
    page.evaluate(
        """([key, text]) => localStorage.setItem(key, JSON.stringify({text: text, at: Date.now(),
          version: document.querySelector("[data-row-version-input]").value}))""",
        [f"prepmeet:{full_prep.pk}:{question_key}", "Typed before the update"],
    )
    page.reload()
    expect(page.get_by_role("textbox", name="My answers").first).to_have_value("Typed before the update")
    expect(page.locator("#save-summary")).to_have_text("All changes saved")
    assert Answer.objects.get(prep=full_prep, question__position=1).text == "Typed before the update"
    assert page.evaluate("Object.keys(localStorage).filter(key => key.startsWith('prepmeet:')).length") == 0
