"""The roster with JavaScript off, in real Chromium: add five people on the fill page, save one person's
question 2 and 3 fields and ratings with that row's Save button, move a person down, remove one after the
confirmation page and undo it. The roster fits a 1280 px laptop and a 375 px phone without the page scrolling
sideways (screenshots in artifacts/screenshots/). axe needs a script, so it audits the same pages with
JavaScript on (the no-JS Save buttons aside, the same markup): the fill page in
test_roster_with_javascript.py, the add, edit and remove pages here."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from testsupport.artifacts import SCREENSHOTS
from testsupport.browser import log_in_on
from testsupport.factories import stakeholder_create

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = [
    ("Dana Whitfield", "Director", "Springfield 911", "911 / emergency communications", "Invite"),
    ("José Núñez", "Chief of Police", "Springfield PD", "Police", "Invite"),
    ("Renée Okafor", "Deputy Chief", "Springfield Fire", "Fire", "Later"),
    ("Marcus Lee", "Assistant City Manager", "City of Springfield", "City leadership or council", "Invite"),
    ("Priya Raman", "Program Officer", "Springfield Community Foundation", "Funder", "Keep informed"),
]


def page_is_not_wider_than_the_screen(page) -> None:
    widths = page.evaluate(
        "() => ({scroll: document.scrollingElement.scrollWidth,"
        " client: document.scrollingElement.clientWidth})"
    )
    assert widths["scroll"] <= widths["client"], widths


@pytest.fixture
def nojs_page(browser, browser_context_args):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_roster_without_javascript(nojs_page, live_server, prep, width):
    page = nojs_page
    page.set_viewport_size({"width": width, "height": 900})
    log_in_on(page, live_server.url, prep.owner)
    page.goto(live_server.url + prep.get_absolute_url())
    for name, role, organisation, kind, invite in PEOPLE:
        page.get_by_label("Name (required)").fill(name)
        page.locator("#add-role").fill(role)
        page.locator("#add-organisation").fill(organisation)
        page.locator("#add-kind").select_option(label=kind)
        page.locator("#add-invite").select_option(label=invite)
        page.get_by_role("button", name="Add to the roster").click()
        expect(page.get_by_text(f"Added {name} to the roster.")).to_be_visible()
    rows = page.locator("#roster-list > li")
    expect(rows).to_have_count(5)
    for row, (name, _role, organisation, _kind, _invite) in zip(rows.all(), PEOPLE, strict=True):
        expect(row.get_by_label("Name")).to_have_value(name)
        expect(row.get_by_label("Agency or organisation")).to_have_value(organisation)
    page_is_not_wider_than_the_screen(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#question-1").screenshot(path=SCREENSHOTS / f"roster-nojs-question-1-{width}.png")

    # José's fields under questions 2 and 3 and his ratings, saved by his row's Save button.
    page.get_by_label("José Núñez: Expertise, data or authority they bring").fill(
        "Use-of-force and call data"
    )
    page.get_by_label("José Núñez: What matters to them").fill("Officer time back on patrol")
    jose = rows.nth(1)
    jose.get_by_label("Influence").select_option(label="High")
    jose.get_by_label("Stance").select_option(label="Skeptical")
    jose.get_by_role("button", name="Save José Núñez").click()
    expect(page.get_by_text("Saved José Núñez.")).to_be_visible()
    expect(page.get_by_label("José Núñez: What matters to them")).to_have_value("Officer time back on patrol")
    expect(page.locator("#power-map svg")).to_contain_text("José Núñez")
    # Questions 2 and 3 now count as answered from José's fields alone.
    expect(page.locator("#answered-count")).to_have_text("2")

    page.get_by_role("button", name="Move down Dana Whitfield").click()
    expect(page.locator("#roster-list > li legend").first).to_have_text("1. José Núñez")

    # Remove asks first, then the fill page offers Undo, which brings Priya back.
    page.get_by_role("link", name="Remove Priya Raman").click()
    expect(page.get_by_role("heading", name="Remove Priya Raman from the roster?")).to_be_visible()
    page.get_by_role("button", name="Remove").click()
    expect(page.locator("#roster-list > li")).to_have_count(4)
    page.get_by_role("button", name="Undo removing “Priya Raman”").click()
    expect(page.get_by_text("Put Priya Raman back on the roster.")).to_be_visible()
    expect(page.locator("#roster-list > li")).to_have_count(5)
    expect(page.locator("#roster-list > li").last.get_by_label("Agency or organisation")).to_have_value(
        "Springfield Community Foundation"
    )
    page.screenshot(path=SCREENSHOTS / f"roster-nojs-fill-{width}.png", full_page=True)


@pytest.mark.parametrize("width", [1280, 375])
def test_the_add_edit_and_remove_pages_pass_axe(page, live_server, prep, log_in, axe_audit, width):
    person = stakeholder_create(prep=prep, name="Dana Whitfield", influence="high", stance="champion")
    page.set_viewport_size({"width": width, "height": 900})
    log_in(prep.owner)
    for name, url in (
        ("add", reverse("stakeholder_add", args=[prep.pk])),
        ("edit", reverse("stakeholder_edit", args=[prep.pk, person.pk])),
        ("remove", reverse("stakeholder_remove", args=[prep.pk, person.pk])),
    ):
        page.goto(live_server.url + url)
        axe_audit(f"roster-{name}-page-{width}")
        page_is_not_wider_than_the_screen(page)
