"""The power map in real Chromium: at 1280 px every name on it is drawn at 11 px or more (its font size times
the SVG's scale on screen), and at 320 px the page shows the list by quadrant instead of the picture and
nothing scrolls sideways. Screenshots at both widths in artifacts/screenshots/."""

import pytest
from django.urls import reverse

from preps.power_map import QUADRANTS
from testsupport.factories import stakeholder_create

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = [
    ("Dana Whitfield", "high", "skeptical"),
    ("Chief Ana Núñez", "high", "neutral"),
    ("Council member Zoë Okafor", "medium", "champion"),
    ("Sam Lee", "low", "opposed"),
    ("Priya Raman", "low", "supportive"),
]
# Each name's drawn size: its font size times the scale the SVG is drawn at on screen.
DRAWN_SIZES = """() => [...document.querySelectorAll('#power-map svg text')]
  .filter((t) => t.querySelector('title'))
  .map((t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"""


@pytest.fixture
def mapped_prep(prep):
    for name, influence, stance in PEOPLE:
        stakeholder_create(prep=prep, name=name, influence=influence, stance=stance)
    return prep


def open_roster(page, live_server, log_in, prep, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    log_in(prep.owner)
    page.goto(live_server.url + reverse("prep_fill", args=[prep.pk]))
    page.locator("#power-map").scroll_into_view_if_needed()


def test_names_on_the_map_are_at_least_11_px_at_1280(page, live_server, log_in, mapped_prep):
    open_roster(page, live_server, log_in, mapped_prep, 1280)
    assert page.locator("#power-map svg.power-map").is_visible()
    sizes = page.evaluate(DRAWN_SIZES)
    assert len(sizes) == len(PEOPLE)
    assert min(sizes) >= 11, sizes
    assert "Name colour shows stance:" in page.locator("#power-map svg").inner_html()
    assert not page.locator(".power-map-list").is_visible()
    page.locator("#power-map").screenshot(path=str(screenshot_path("power-map-1280")))


def test_a_phone_lists_the_map_by_quadrant_and_nothing_scrolls_sideways(
    page, live_server, log_in, mapped_prep
):
    open_roster(page, live_server, log_in, mapped_prep, 320)
    assert not page.locator("#power-map svg.power-map").is_visible()
    listing = page.locator(".power-map-list")
    assert listing.is_visible()
    titles = listing.locator(".power-map-quadrant-title").all_inner_texts()
    assert titles == [quadrant.title for quadrant in QUADRANTS]
    assert "Dana Whitfield" in listing.locator(".power-map-quadrant-win-over").inner_text()
    assert "Sam Lee" in listing.locator(".power-map-quadrant-watch").inner_text()
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    page.locator("#power-map").screenshot(path=str(screenshot_path("power-map-320")))


def screenshot_path(name: str):
    from testsupport.artifacts import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"
