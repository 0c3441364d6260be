"""Every main page at a laptop's 1280×800 and a phone's 375×812: screenshots for people to look at, and
checks that nothing scrolls sideways, the answer boxes use the phone's width, and the examples and tips stay
reachable.

Screenshots are written to artifacts/screenshots/<page>-<width>.png (git-ignored).
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from preps.models import Answer, MeetingPrep
from testsupport.artifacts import SCREENSHOTS
from testsupport.browser import log_in_on

from .fonts import (
    LATIN_ONLY_FONT,
    character_map,
    characters_without_glyph,
    drawn_characters,
    fonts_used_in_answer_box,
)

pytestmark = pytest.mark.django_db(transaction=True)

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 812}}


def no_sideways_scrolling(page) -> None:
    overflow = page.evaluate(
        """() => {
            const root = document.scrollingElement;
            const wide = [...document.querySelectorAll('body *')].filter(el => {
                const box = el.getBoundingClientRect();
                return box.width > 0 && box.right > root.clientWidth + 1
                    && getComputedStyle(el).position !== 'fixed'
                    && !el.closest('.table-responsive, .visually-hidden, .visually-hidden-focusable');
            }).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + '.' + [...el.classList].join('.'));
            return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide: wide.slice(0, 10)};
        }"""
    )
    assert overflow["scrollWidth"] <= overflow["clientWidth"], overflow
    assert not overflow["wide"], overflow


def shoot(page, name: str, size: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{VIEWPORTS[size]['width']}.png", full_page=True)
    no_sideways_scrolling(page)


@pytest.fixture
def filled_prep(prep):
    prep.meeting_date = datetime.date(2026, 12, 3)
    prep.save()
    questions = list(prep.worksheet.questions.all())
    Answer.objects.create(
        prep=prep,
        question=questions[0],
        version=1,
        text="Dana Whitfield (911 director), Chief José Núñez, Deputy Chief Renée Okafor (fire/EMS), "
        "and Marcus Lee from the city manager’s office.",
    )
    return prep


@pytest.mark.parametrize("size", VIEWPORTS)
def test_public_pages(page, live_server, worksheet, size):
    page.set_viewport_size(VIEWPORTS[size])
    for name, path in [
        ("home", "/"),
        ("faq", "/faq/"),
        ("signup", "/accounts/signup/"),
        ("login", "/accounts/login/"),
        ("404", "/no-such-page/"),
    ]:
        page.goto(live_server.url + path)
        shoot(page, name, size)


@pytest.mark.parametrize("size", VIEWPORTS)
def test_signed_in_pages(page, live_server, filled_prep, log_in, size):
    page.set_viewport_size(VIEWPORTS[size])
    owner = filled_prep.owner
    log_in(owner)
    shoot(page, "dashboard", size)
    page.goto(f"{live_server.url}/preps/new/")
    shoot(page, "prep-new", size)
    page.goto(f"{live_server.url}/preps/{filled_prep.pk}/delete/")
    shoot(page, "delete-confirm", size)
    page.goto(f"{live_server.url}/account/")
    shoot(page, "account", size)
    MeetingPrep.objects.filter(owner=owner).delete()
    page.goto(f"{live_server.url}/preps/")
    shoot(page, "dashboard-empty", size)


@pytest.mark.parametrize("size", VIEWPORTS)
def test_fill_page(page, live_server, filled_prep, log_in, size):
    page.set_viewport_size(VIEWPORTS[size])
    log_in(filled_prep.owner)
    page.goto(live_server.url + filled_prep.get_absolute_url())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"fill-viewport-{VIEWPORTS[size]['width']}.png")
    shoot(page, "fill", size)

    boxes = page.locator("textarea[name^=answer_]")  # the four answer boxes, not the roster's or question 4's
    column = page.locator("#answers-form").bounding_box()
    for index in range(boxes.count()):
        box = boxes.nth(index).bounding_box()
        # The answer boxes take the whole width of the question card's text column.
        card = page.locator("section.question .card-body").nth(index).bounding_box()
        assert box["width"] >= card["width"] - 2 * 24 - 1, (box, card)
        assert box["x"] >= column["x"] - 1 and box["x"] + box["width"] <= column["x"] + column["width"] + 1
    if size == "phone":
        viewport_width = VIEWPORTS["phone"]["width"]
        assert boxes.first.bounding_box()["width"] >= viewport_width * 0.8

    # Carmen's example and the tips and FAQ can be reached and opened at this size.
    example = page.locator("details.example").first
    example.locator("summary").click()
    expect(example).not_to_have_attribute("open", "")
    example.locator("summary").click()
    expect(example.locator(".example-body")).to_be_visible()
    for summary in page.locator("aside details > summary").all():
        summary.scroll_into_view_if_needed()
        summary.click()
    expect(page.locator("aside .tips").first).to_be_visible()
    expect(page.locator("aside .faq-list")).to_be_visible()
    shoot(page, "fill-help-open", size)


@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.urls("tests.browser.error_urls")
def test_error_pages(page, live_server, size):
    page.set_viewport_size(VIEWPORTS[size])
    for name, path in [("403", "/test-errors/403/"), ("500", "/test-errors/500/")]:
        page.goto(live_server.url + path)
        shoot(page, name, size)


def test_phone_menu_opens_and_closes(page, live_server, filled_prep, log_in):
    page.set_viewport_size(VIEWPORTS["phone"])
    log_in(filled_prep.owner)
    toggler = page.get_by_role("button", name="Main menu")
    menu = page.locator("#nav-links")
    expect(toggler).to_be_visible()
    expect(toggler).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("link", name="FAQ")).to_be_hidden()
    toggler.click()
    expect(toggler).to_have_attribute("aria-expanded", "true")
    expect(menu).to_have_class(re.compile(r"\bshow\b"))  # the opening animation is over
    expect(page.get_by_role("link", name="FAQ")).to_be_visible()
    shoot(page, "menu-open", "phone")
    toggler.click()
    expect(toggler).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("link", name="FAQ")).to_be_hidden()


# --- Hard text: long, unbroken, right to left, CJK, emoji ---------------------------------------------------

ARABIC = "نحتاج إلى مدير مركز 911 ورئيس الشرطة وممثل عن الإطفاء في الاجتماع الأول."
HEBREW = "אנחנו צריכים את מנהלת מוקד 911, את מפקד המשטרה ונציג של מכבי האש בפגישה הראשונה."
CJK = (
    "我们需要911中心主任和警察局长参加。最初の会議には警察署長が必要です。첫 회의에는 경찰서장이 필요합니다."
)
EMOJI = "Ready 👍🏽 call data 📞📊 police 🚓 EMS 🚑 fire 🚒 done ✅ ⚠️ 🇺🇸 👩‍💻 ❤️"
UNBROKEN = "https://data.example.gov/911/" + "x" * 471
HARD_TEXTS = [
    ("Ten thousand characters. " * 400)[:10_000],
    UNBROKEN,
    f"{ARABIC}\n{HEBREW}",
    f"{CJK}\n{EMOJI}",
]


@pytest.fixture
def hard_prep(prep):
    prep.meeting_title = "W" * 200  # the longest title the form takes, one unbroken word
    prep.save()
    questions = list(prep.worksheet.questions.all())
    for question, text in zip(questions, HARD_TEXTS, strict=True):
        Answer.objects.create(prep=prep, question=question, text=text, version=1)
    return prep


@pytest.mark.parametrize("size", VIEWPORTS)
def test_hard_text_fits_and_every_character_has_a_glyph(page, live_server, hard_prep, log_in, size):
    page.set_viewport_size(VIEWPORTS[size])
    log_in(hard_prep.owner)
    page.goto(live_server.url + hard_prep.get_absolute_url())
    page.evaluate("document.fonts.ready")
    shoot(page, "fill-hard-text", size)

    boxes = page.locator("textarea[name^=answer_]")  # the four answer boxes, not the roster's or question 4's
    expect(boxes.nth(3)).to_have_value(f"{CJK}\n{EMOJI}")
    for index in range(4):
        # Long words wrap inside the box: it never scrolls sideways.
        assert boxes.nth(index).evaluate("box => box.scrollWidth <= box.clientWidth")
    # Right-to-left paragraphs run right to left in the box.
    assert boxes.nth(2).evaluate("box => getComputedStyle(box).unicodeBidi") == "plaintext"

    # Whatever fonts this machine has, Chromium found a glyph for every character, in the reader's fonts or
    # ours: no missing-glyph box. (That ours draw where the system has no font is the next test.)
    for position, text in enumerate(HARD_TEXTS, start=1):
        used = fonts_used_in_answer_box(page, position)
        assert not characters_without_glyph(text, used), used

    page.goto(f"{live_server.url}/preps/")
    shoot(page, "dashboard-hard-text", size)


def test_shipped_fonts_draw_the_scripts_a_system_without_fonts_for_them_cannot(
    browser_without_system_fonts, browser_context_args, live_server, hard_prep
):
    """On a reader's system with no Arabic, Hebrew, CJK or emoji font, the page's own web fonts
    (static/css/site.css's @font-face rules) draw them: in a Chromium whose only font is a Latin one."""
    browser, system_fonts = browser_without_system_fonts
    context = browser.new_context(**{**browser_context_args, "viewport": VIEWPORTS["desktop"]})
    page = context.new_page()
    log_in_on(page, live_server.url, hard_prep.owner)
    page.goto(live_server.url + hard_prep.get_absolute_url())
    latin = character_map(system_fonts / LATIN_ONLY_FONT.name)

    for position, text, shipped in [
        (3, f"{ARABIC}{HEBREW}", {"Noto Sans Arabic", "Noto Sans Hebrew"}),
        (4, f"{CJK}{EMOJI}", {"Noto Sans CJK SC", "Noto Emoji"}),
    ]:
        used = fonts_used_in_answer_box(page, position)
        web_fonts = {name: font for name, font in used.items() if font["isCustomFont"]}
        # The browser knows no system font but the Latin one it was given...
        assert {name for name in used if name not in web_fonts} <= {"Noto Sans"}, used
        # ...so the Arabic, Hebrew, CJK and emoji are drawn by the shipped fonts, each with its glyph.
        assert shipped <= set(web_fonts), used
        beyond_latin = {c for c in drawn_characters(text) if ord(c) not in latin}
        assert beyond_latin, text
        assert not characters_without_glyph("".join(beyond_latin), web_fonts), used
        assert not characters_without_glyph(text, used, system_fonts), used
    shoot(page, "fill-hard-text-no-system-fonts", "desktop")
    context.close()
