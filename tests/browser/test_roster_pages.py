"""The no-JavaScript roster in real Chromium: add five people through the form, edit one, remove one after the
confirmation; axe finds nothing serious on the forms or the fill page with a roster, and the roster fits a
1280 px laptop and a 375 px phone without sideways scrolling (screenshots in artifacts/screenshots/)."""

import pytest
from playwright.sync_api import expect

from testsupport.artifacts import SCREENSHOTS

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


@pytest.mark.parametrize("width", [1280, 375])
def test_roster_add_edit_remove_without_javascript(page, live_server, prep, log_in, axe_audit, width):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(prep.owner)
    fill_url = live_server.url + prep.get_absolute_url()
    for n, (name, role, organisation, kind, invite) in enumerate(PEOPLE):
        page.goto(fill_url)
        page.get_by_role("link", name="Add a person").click()
        if n == 0:
            axe_audit(f"roster-add-{width}")
        page.get_by_label("Name").fill(name)
        page.get_by_label("Title or role").fill(role)
        page.get_by_label("Agency or organisation").fill(organisation)
        page.get_by_label("Kind of stakeholder").select_option(label=kind)
        page.get_by_label("This meeting").select_option(label=invite)
        page.get_by_role("button", name="Add to the roster").click()
        expect(page.get_by_text(f"Added {name} to the roster.")).to_be_visible()

    roster = page.locator("#roster li")
    expect(roster).to_have_count(5)
    for row, (name, _role, organisation, _kind, _invite) in zip(roster.all(), PEOPLE, strict=True):
        expect(row).to_contain_text(name)
        expect(row).to_contain_text(organisation)
    axe_audit(f"fill-with-roster-{width}")
    page_is_not_wider_than_the_screen(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#question-1").screenshot(path=SCREENSHOTS / f"roster-question-1-{width}.png")

    # Edit: question 2 and 3 fields and the ratings, on the row's version.
    page.get_by_role("link", name="Edit José Núñez").click()
    page.get_by_label("Expertise, data or authority they bring (question 2)").fill(
        "Use-of-force and call data"
    )
    page.get_by_label("What matters to them (question 3)").fill("Officer time back on patrol")
    page.get_by_label("Influence").select_option(label="High")
    page.get_by_label("Stance on the program").select_option(label="Skeptical")
    axe_audit(f"roster-edit-{width}")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved José Núñez.")).to_be_visible()
    # Questions 2 and 3 now count as answered from José's fields alone.
    expect(page.locator("#answered-count")).to_have_text("2")

    # Remove asks first.
    page.get_by_role("link", name="Remove Priya Raman").click()
    expect(page.get_by_role("heading", name="Remove Priya Raman from the roster?")).to_be_visible()
    axe_audit(f"roster-remove-{width}")
    page.get_by_role("button", name="Remove").click()
    expect(page.get_by_text("Removed Priya Raman from the roster.")).to_be_visible()
    expect(page.locator("#roster li")).to_have_count(4)
    page.screenshot(path=SCREENSHOTS / f"roster-fill-{width}.png", full_page=True)
