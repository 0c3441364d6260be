"""One step per question, measured with a director's full meeting prep (8 people, 4 expected questions): each
step at most 4 screens tall at 1280×800 and 8 at 375×667, its first field within 8 Tabs from the top of the
step (after "Skip to main content"), nothing sideways at 320 px (WCAG 1.4.10), and at 1280 px the step's tips
in view without scrolling. Screenshots: artifacts/screenshots/step-<n>-<width>.png; the figures are written
to artifacts/steps-figures.json."""

import json

import pytest
from playwright.sync_api import expect

from asks.models import QuestionRequest
from preps.models import MeetingPrep
from testsupport.artifacts import ARTIFACTS, SCREENSHOTS
from testsupport.browser import session_cookie
from testsupport.factories import expected_question_create, stakeholder_create
from testsupport.rich_world import world_build_rich

pytestmark = pytest.mark.django_db(transaction=True)

LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 667}
NARROW = {"width": 320, "height": 640}
MAX_TABS = 8

MORE_PEOPLE = [
    ("Deputy Chief Renée Okafor", "Deputy Chief, EMS", "Springfield Fire Department", "fire"),
    ("Marcus Lee", "Assistant City Manager", "City of Springfield", "city"),
    ("Dr. Priya Raman", "Medical Director", "Springfield County Behavioral Health", "other"),
    ("Sgt. Tom Becker", "President", "Springfield Police Union", "police"),
]

# The step's first field: the first visible form control after its heading.
FIRST_FIELD = """() => {
    const title = document.getElementById('step-title');
    const fields = [...document.querySelectorAll('input:not([type=hidden]), textarea, select')].filter(el =>
        title.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING && el.offsetParent !== null);
    return fields.length ? fields[0].id : null;
}"""
TOO_WIDE = """width => [...document.querySelectorAll('body *')].filter(el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > width + 1 && getComputedStyle(el).position !== 'fixed'
        && !el.closest('.visually-hidden, .visually-hidden-focusable, .power-map-scroll');
}).map(el => `${el.localName}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')}`)"""


def full_prep() -> tuple[MeetingPrep, dict]:
    """The permission matrix's rich prep (4 people, 3 expected questions), grown to 8 people with their notes
    and 4 expected questions."""
    world = world_build_rich()
    prep = MeetingPrep.objects.get(pk=world["paths"]["prep"])
    # The measure is 8 people and 4 expected questions: the matrix's request for questions from the
    # invited people (asks) is not part of it; each question sent in adds its card under question 4.
    QuestionRequest.objects.filter(prep=prep).delete()
    for name, role, organisation, kind in MORE_PEOPLE:
        stakeholder_create(
            prep=prep,
            name=name,
            role=role,
            organisation=organisation,
            kind=kind,
            expertise=f"{name.split()[-1]} knows how their agency handles behavioral health calls today.",
            what_matters=f"For {organisation}: staff time, safety and clear hand-offs.",
            concerns="Who is accountable when a call goes wrong?",
        )
    people = list(prep.stakeholders.order_by("position"))
    faq = list(prep.worksheet.faq_entries.order_by("position"))
    expected_question_create(
        prep=prep,
        text="Will police still be sent to these calls?",
        askers=people[1:2],
        faq_entries=faq[:1],
        answer="Only when there is a safety risk.",
    )
    assert prep.stakeholders.count() == 8 and prep.expected_questions.count() == 4
    return prep, world


def tabs_to_first_field(page) -> int:
    """Tab presses from the top of the step (focus on <main>, as "Skip to main content" leaves it) to its
    first field, or MAX_TABS + 1 when it takes more."""
    target = page.evaluate(FIRST_FIELD)
    assert target, "the step has no field"
    page.locator("#main").focus()
    for presses in range(1, MAX_TABS + 2):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == target:
            return presses
    return MAX_TABS + 1


def test_each_step_fits_its_screens_reaches_its_field_and_shows_its_tips(context, live_server):
    prep, world = full_prep()
    context.add_cookies([session_cookie(world["users"]["owner"], live_server.url)])
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    figures = {}
    for number in (1, 2, 3, 4):
        url = f"{live_server.url}/preps/{prep.pk}/steps/{number}/"
        figures[number] = step = {}
        for size in (LAPTOP, PHONE):
            page.set_viewport_size(size)
            page.goto(url)
            expect(page.locator("#step-title")).to_contain_text(f"Question {number} of 4")
            height = page.evaluate("document.scrollingElement.scrollHeight")
            step[f"screens_{size['width']}"] = round(height / size["height"], 2)
            step[f"tabs_{size['width']}"] = tabs_to_first_field(page)
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=SCREENSHOTS / f"step-{number}-{size['width']}.png", full_page=True)
            if size is LAPTOP:
                tips = page.locator("#step-help-title").bounding_box()
                step["tips_in_view_1280"] = tips["y"] >= 0 and tips["y"] + tips["height"] <= size["height"]
            else:  # one tap opens them on a phone, and one closes them
                page.locator("#step-help-open").click()
                expect(page.locator("#step-help-title")).to_be_in_viewport()
                page.screenshot(path=SCREENSHOTS / f"step-{number}-{size['width']}-tips.png")
                page.get_by_role("link", name="Back to the question").click()
                expect(page.locator("#step-help")).to_be_hidden()
        page.set_viewport_size(NARROW)
        page.goto(url)
        page.screenshot(path=SCREENSHOTS / f"step-{number}-320.png", full_page=True)
        step["too_wide_320"] = page.evaluate(TOO_WIDE, NARROW["width"])
        step["scroll_width_320"] = page.evaluate("document.scrollingElement.scrollWidth")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "steps-figures.json").write_text(json.dumps(figures, indent=2))

    for number, step in figures.items():
        assert step["screens_1280"] <= 4, (number, step)
        assert step["screens_375"] <= 8, (number, step)
        assert step["tabs_1280"] <= MAX_TABS and step["tabs_375"] <= MAX_TABS, (number, step)
        assert step["tips_in_view_1280"], (number, step)
        assert not step["too_wide_320"] and step["scroll_width_320"] <= NARROW["width"], (number, step)
