"""Issue 28, A1 (WCAG 1.4.10): at 320 px nothing on these pages scrolls sideways, not even inside a table's
scrolling box: the sharing page's "Who has access", the work group's commitments as a colleague (a viewer)
sees them, and the dashboard's commitments badge. Screenshots: artifacts/screenshots/<page>-320.png."""

import pytest

from testsupport.artifacts import SCREENSHOTS
from testsupport.browser import session_cookie
from testsupport.rich_world import world_build_rich

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH = 320
# Every element's right edge, inside table scrollers too; visually hidden text and fixed bars are left out.
TOO_WIDE = """width => [...document.querySelectorAll('body *')].filter(el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > width + 1 && getComputedStyle(el).position !== 'fixed'
        && !el.closest('.visually-hidden, .visually-hidden-focusable');
}).map(el => `${el.localName}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')}`
    + ` (${Math.round(el.getBoundingClientRect().right)} px)`)"""


def test_tables_and_badges_reflow_at_320_px(context, live_server):
    world = world_build_rich()
    page = context.new_page()
    page.set_viewport_size({"width": WIDTH, "height": 640})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for role, path, shows in [
        ("owner", "/preps/{prep}/sharing/", "table.table-reflow"),
        ("viewer", "/preps/{prep}/series/", "#meetings-title"),  # the work group page
        ("owner", "/preps/", "#commitments-due"),
    ]:
        context.clear_cookies()
        context.add_cookies([session_cookie(world["users"][role], live_server.url)])
        page.goto(live_server.url + path.format(**world["paths"]))
        assert page.locator(shows).count() == 1, f"{path}: {shows} is not on the page"
        name = f"reflow-{role}-{path.split('/')[-2] or 'dashboard'}"
        page.screenshot(path=SCREENSHOTS / f"{name}-{WIDTH}.png", full_page=True)
        too_wide = page.evaluate(TOO_WIDE, WIDTH)
        assert not too_wide, f"{path} at {WIDTH} px: {too_wide[:10]}"
        assert page.evaluate("document.scrollingElement.scrollWidth") <= WIDTH
