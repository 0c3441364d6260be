"""The roster in real Chromium with JavaScript: sign up, add five people on the fill page, fill
their question 2 and 3 fields, set influence and stance with the keyboard alone, see them on the power map,
reload and find everything, download the notes PDF and find each name in the roster table, on the map
and under questions 2 and 3; type a question 4 question, link the FAQ entry the page suggests, and find its
answer under the question on the page and in the PDF. Then move, remove (it asks) and undo on the page. axe
finds nothing serious; screenshots at 1280 and 375 px in artifacts/screenshots/."""

import io
import unicodedata

import pypdf
import pytest
from playwright.sync_api import expect

from preps.models import Stakeholder
from testsupport.artifacts import SCREENSHOTS
from testsupport.browser import sign_up_on
from testsupport.factories import roster_fill

pytestmark = pytest.mark.django_db(transaction=True)

# name, role, organisation, kind, invite, influence key, stance keys (typed into the focused select)
PEOPLE = [
    ("Dana Whitfield", "Director", "Springfield 911", "911 / emergency communications", "Invite", "h", "ch"),
    ("José Núñez", "Chief of Police", "Springfield PD", "Police", "Invite", "h", "sk"),
    ("Renée Okafor", "Deputy Chief", "Springfield Fire", "Fire", "Later", "m", "n"),
    (
        "Marcus Lee",
        "Assistant City Manager",
        "City of Springfield",
        "City leadership or council",
        "Invite",
        "h",
        "su",
    ),
    ("Priya Raman", "Program Officer", "Community Foundation", "Funder", "Keep informed", "l", "su"),
]
EXPECTED_QUESTION = "will cops still have to show up"
POLICE_ENTRY = "Do alternative response teams replace police?"
POLICE_ANSWER = "No, alternative responders supplement the existing emergency response system"
RATINGS = {
    "h": "high",
    "m": "medium",
    "l": "low",
    "ch": "champion",
    "sk": "skeptical",
    "n": "neutral",
    "su": "supportive",
}


def expertise(name: str) -> str:
    return f"{name.split()[0]} brings call data"


def matters(name: str) -> str:
    return f"Response times for {name.split()[0]}"


def concerns(name: str) -> str:
    return f"Liability worries of {name.split()[0]}"


def pdf_text(path) -> str:
    with open(path, "rb") as pdf_file:
        reader = pypdf.PdfReader(io.BytesIO(pdf_file.read()))
        text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def all_saved(page) -> None:
    expect(page.locator("#save-summary")).to_have_text("All changes saved", timeout=15_000)


def sign_up_and_start(page, base_url: str) -> None:
    page.goto(base_url)
    page.get_by_role("link", name="Start preparing").click()
    sign_up_on(page, email="carmen@example.org", first_name="Carmen")
    page.get_by_label("Meeting title").fill("Kickoff with 911 and police")
    page.get_by_role("button", name="Start preparing").click()
    page.get_by_role(
        "link", name="Overview", exact=True
    ).click()  # from question 1's step, the page with all four
    expect(page.get_by_role("heading", level=1)).to_have_text("Kickoff with 911 and police")


@pytest.mark.parametrize("width", [1280, 375])
def test_roster_done_when(page, live_server, worksheet, axe_audit, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_up_and_start(page, live_server.url)

    # Five people, added on the fill page.
    for name, role, organisation, kind, invite, _influence, _stance in PEOPLE:
        page.get_by_label("Name (required)").fill(name)
        page.get_by_label("Title or role").last.fill(role)
        page.get_by_label("Agency or organisation").last.fill(organisation)
        page.locator("#add-kind").select_option(label=kind)
        page.locator("#add-invite").select_option(label=invite)
        page.get_by_role("button", name="Add to the roster").click()
        expect(page.get_by_text(f"Added {name} to the roster.")).to_be_visible()
    expect(page.locator("#roster-list > li")).to_have_count(5)
    people = {person.name: person.pk for person in Stakeholder.objects.all()}

    # Questions 2 and 3, per person.
    for name, *_ in PEOPLE:
        page.get_by_label(f"{name}: Expertise, data or authority they bring").fill(expertise(name))
        page.get_by_label(f"{name}: What matters to them").fill(matters(name))
        page.get_by_label(f"{name}: Their likely concerns").fill(concerns(name))
    all_saved(page)
    expect(page.locator("#answered-count")).to_have_text("2")

    # Influence and stance with the keyboard alone: Tab from the person's name to the selects, type to pick.
    for name, *_, influence, stance in PEOPLE:
        page.locator(f"#p{people[name]}-name").focus()
        for _ in range(5):
            page.keyboard.press("Tab")
        expect(page.locator(f"#p{people[name]}-influence")).to_be_focused()
        page.keyboard.type(influence)
        page.keyboard.press("Tab")
        expect(page.locator(f"#p{people[name]}-stance")).to_be_focused()
        page.keyboard.type(stance)
        page.keyboard.press("Tab")
        all_saved(page)
    the_map = page.locator("#power-map svg")
    for name, *_ in PEOPLE:
        expect(the_map).to_contain_text(name)
    expect(page.locator("#power-map table")).to_contain_text("Skeptical")

    # Question 4: a question as people phrase it, who may ask it, and the FAQ entry the page suggests, linked
    # with the keyboard.
    box = page.locator("#eq-new-text")
    box.click()
    box.press_sequentially(EXPECTED_QUESTION, delay=20)
    suggestion = page.locator("#eq-add [data-eq-suggestions] li").first
    expect(suggestion).to_contain_text(POLICE_ENTRY, timeout=30_000)
    page.locator("#eq-add").get_by_label("José Núñez").check()
    box.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # marks the answer to link; the question is added with it by the next button
    page.locator("#eq-add").get_by_role("button", name="Add the question").press("Enter")
    expected_row = page.locator("#eq-list .eq-item").first
    expect(expected_row.locator(".eq-faq")).to_contain_text(POLICE_ANSWER)
    all_saved(page)

    axe_audit(f"roster-e2e-{width}")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"roster-e2e-fill-{width}.png", full_page=True)
    page.locator("#question-1").screenshot(path=SCREENSHOTS / f"roster-e2e-question-1-{width}.png")

    page.reload()
    for name, role, organisation, kind, invite, influence, stance in PEOPLE:
        pk = people[name]
        expect(page.locator(f"#p{pk}-name")).to_have_value(name)
        expect(page.locator(f"#p{pk}-role")).to_have_value(role)
        expect(page.locator(f"#p{pk}-organisation")).to_have_value(organisation)
        expect(page.locator(f"#p{pk}-kind option:checked")).to_have_text(kind)
        expect(page.locator(f"#p{pk}-invite option:checked")).to_have_text(invite)
        expect(page.locator(f"#p{pk}-expertise")).to_have_value(expertise(name))
        expect(page.locator(f"#p{pk}-what_matters")).to_have_value(matters(name))
        expect(page.locator(f"#p{pk}-concerns")).to_have_value(concerns(name))
        expect(page.locator(f"#p{pk}-influence")).to_have_value(RATINGS[influence])
        expect(page.locator(f"#p{pk}-stance")).to_have_value(RATINGS[stance])
        expect(page.locator("#power-map svg")).to_contain_text(name)
    expected_row = page.locator("#eq-list .eq-item").first
    expect(expected_row.get_by_label("The question you expect")).to_have_value(EXPECTED_QUESTION)
    expect(expected_row.get_by_label("José Núñez")).to_be_checked()
    expect(expected_row.locator(".eq-faq")).to_contain_text(POLICE_ANSWER)

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download PDF").click()
    text = pdf_text(download_info.value.path())
    roster_table = text.index("The people on the roster")
    map_end = text.index("Name colour shows stance:")  # the power map's legend, under the roster table
    for name, role, organisation, *_ in PEOPLE:
        # In the roster table (and on the map), then under question 2 and question 3.
        assert text.index(name, roster_table) < map_end, name
        assert text.index(organisation, roster_table) < map_end, organisation
        assert text.index(role, roster_table) < map_end, role
        under_2 = text.index(expertise(name))
        under_3 = text.index(matters(name))
        assert map_end < under_2 < under_3, name
        assert text.rindex(name, 0, under_2) > map_end, f"{name} is not named above their expertise"
        assert text.rindex(name, 0, under_3) > under_2, f"{name} is not named above what matters to them"
        assert concerns(name) in text
    # The FAQ answer under question 4's question, after who may ask it.
    asked = text.index(EXPECTED_QUESTION)
    assert asked < text.index("Who may ask: José Núñez", asked) < text.index(POLICE_ANSWER, asked)


def test_move_with_the_keyboard_remove_asks_and_undo_restores(page, live_server, prep, log_in, axe_audit):
    first, second, third = roster_fill(
        prep, 3, concerns="Worried about {name}", influence="high", stance="neutral"
    )
    log_in(prep.owner)
    page.goto(live_server.url + prep.get_absolute_url())

    # Move down with the keyboard: focus stays on the button, the new order everywhere and on the server.
    down = page.get_by_role("button", name="Move down Person 1")
    down.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#roster-announcer")).to_have_text("Person 1 moved to place 2 of 3.")
    expect(down).to_be_focused()
    expect(page.locator("#roster-list > li legend")).to_have_text(
        ["1. Person 2", "2. Person 1", "3. Person 3"]
    )
    expect(page.locator("#person-notes-expertise li .person-note-name")).to_have_text(
        ["1. Person 2", "2. Person 1", "3. Person 3"]
    )
    assert list(prep.stakeholders.order_by("position").values_list("name", flat=True)) == [
        "Person 2",
        "Person 1",
        "Person 3",
    ]
    # At the bottom, Move down is off and focus goes to Move up.
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Move up Person 1")).to_be_focused()

    # Remove happens at once (no question asked), and the page offers Undo.
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.get_by_role("link", name="Remove Person 3").click()
    expect(page.get_by_text("Removed “Person 3” from the roster.").first).to_be_visible()
    assert not dialogs
    expect(page.locator("#roster-list > li")).to_have_count(2)
    assert not prep.stakeholders.filter(name="Person 3").exists()
    axe_audit("roster-undo")

    page.get_by_role("button", name="Undo removing “Person 3”").click()
    expect(page.get_by_text("Put Person 3 back on the roster.")).to_be_visible()
    expect(page.locator("#roster-list > li")).to_have_count(3)
    restored = prep.stakeholders.get(name="Person 3")
    assert (restored.pk, restored.concerns, restored.influence) == (
        third.pk,
        "Worried about Person 3",
        "high",
    )
    expect(page.locator(f"#p{third.pk}-concerns")).to_have_value("Worried about Person 3")
    assert first.pk and second.pk


def test_a_row_saved_from_two_windows_shows_both_texts(page, live_server, prep, log_in):
    (person,) = roster_fill(prep, 1)
    log_in(prep.owner)
    other = page.context.new_page()
    for tab in (page, other):
        tab.goto(live_server.url + prep.get_absolute_url())
    other.locator(f"#p{person.pk}-concerns").fill("From the other window")
    all_saved(other)

    page.locator(f"#p{person.pk}-concerns").fill("From this window")
    box = page.locator("[data-conflict]")
    expect(box).to_contain_text("changed in another window", timeout=30_000)
    expect(box.locator(".conflict-field-name")).to_have_text("Person 1: Their likely concerns")
    expect(box.locator(".conflict-theirs .conflict-text")).to_have_text("From the other window")
    page.get_by_role("button", name="Keep mine").click()
    all_saved(page)
    person.refresh_from_db()
    assert person.concerns == "From this window"


def test_sixty_people_on_the_page_each_saves_on_its_own(page, live_server, prep, log_in):
    people = roster_fill(prep, 60, influence="medium", stance="neutral")
    log_in(prep.owner)
    page.goto(live_server.url + prep.get_absolute_url())
    expect(page.locator("#roster-list > li")).to_have_count(60)
    last = people[-1]
    page.locator(f"#p{last.pk}-concerns").fill("The sixtieth person's concern")
    page.locator(f"#p{last.pk}-influence").select_option("high")
    all_saved(page)
    expect(page.locator("#power-map svg")).to_contain_text("Person 60")
    last.refresh_from_db()
    # The select saves at once, and takes the text typed just before with it: one save, one version.
    assert (last.concerns, last.influence, last.version) == ("The sixtieth person's concern", "high", 2)
    assert Stakeholder.objects.filter(version=1).count() == 59
