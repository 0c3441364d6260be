"""The brief page keeps what she types (issue 25): a Purpose typed and then any other button of the page
pressed - saving another part, moving, removing or adding an agenda item - is there after a reload, at
desktop and phone widths. The page saves field by field (js/saver.js) and its buttons post the whole
form once no save is in flight. Without JavaScript the page is one form: every button keeps the Purpose."""

import contextlib
import re

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Error, expect

from briefs.models import MeetingBrief
from testsupport.browser import log_in_on

pytestmark = pytest.mark.django_db(transaction=True)

# (button, which of them, whether it posts the page) - every button of the brief page but the Purpose's own.
BUTTONS = [
    ("Save what to include", 0, False),
    ("Move down", 0, True),
    ("Move up", -1, True),
    ("Add to the agenda", 0, True),
    ("Remove", 0, True),
    ("Save FAQ choice", 0, False),
    ("Save details", 0, False),
]


ROW_COPIES = "() => Object.keys(localStorage).filter(key => key.startsWith('prepmeet:row:')).length"


def _fill_every_field(page, item: int, n: int) -> dict:
    """Types into every text field of the page (details, an agenda item, the new item) and flips a block
    and a FAQ tick; returns the values typed, by the field's id."""
    typed = {
        "id_purpose": f"Agree on a pilot, take {n}",
        "id_place": f"City Hall, room {200 + n}",
        "id_desired_outcome": f"A data-sharing agreement, take {n}",
        "id_primer": f"- Unarmed responders, take {n}",
        "id_start_time": f"09:{10 + n}",
        f"item-{item}-title": f"Our pilot in district {n}",
        f"item-{item}-note": f"Bring the call data, take {n}",
        "id_title": f"Budget questions {n}",
    }
    for field_id, value in typed.items():
        page.locator(f"#{field_id}").fill(value)
    page.locator("#id_include_ratings").set_checked(n % 2 == 0)
    page.locator("[name=faq][type=checkbox]").first.set_checked(n % 2 == 1)
    return typed


@pytest.mark.parametrize("width", [1280, 375])
def test_every_typed_field_survives_every_other_button_and_a_reload(
    page, live_server, prep, log_in, axe_audit, width
):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(prep.owner)
    page.goto(live_server.url + reverse("prep_brief", args=[prep.pk]))
    status = page.locator("#brief-save-status")
    axe_audit(f"brief-page-one-form-{width}")
    # The last of the suggested items: the buttons move the first ones, remove the first and add after it.
    item = int(page.locator(".agenda-list > li").last.get_attribute("id").removeprefix("item-"))
    added = []

    for n, (name, which, posts) in enumerate(BUTTONS):
        typed = _fill_every_field(page, item, n)
        button = page.get_by_role("button", name=re.compile(f"^{name}")).nth(which)
        if posts:
            with page.expect_navigation():
                button.click()
            added.append(typed.pop("id_title"))  # any post adds the new item typed in
        else:
            button.click()
            expect(status).to_have_text("Saved", timeout=30_000)
        page.reload()
        for field_id, value in typed.items():
            expect(page.locator(f"#{field_id}"), f"{field_id} after {name}").to_have_value(value)
        expect(page.locator("#id_include_ratings")).to_be_checked(checked=n % 2 == 0)
        expect(page.locator("[name=faq][type=checkbox]").first).to_be_checked(checked=n % 2 == 1)
        brief = MeetingBrief.objects.get(prep=prep)
        assert (brief.purpose, brief.place, brief.include_ratings) == (
            typed["id_purpose"],
            typed["id_place"],
            n % 2 == 0,
        ), name
        assert brief.agenda.get(pk=item).note == typed[f"item-{item}-note"], name
        page.locator("#id_title").fill("")  # a draft kept for the next post, not for the next step

    titles = set(prep.brief.agenda.values_list("title", flat=True))
    assert set(added) <= titles, added


def test_typed_text_survives_the_network_and_a_reload_at_once(page, live_server, prep, log_in):
    """Offline then online; a reload right after typing (before the save); a reload while a save is in
    flight, one the server never got and one whose reply never came back: the browser's copy is kept until
    the server confirms it, put back and sent on the next load."""
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(prep.owner)
    url = live_server.url + reverse("prep_brief", args=[prep.pk])
    save_url = live_server.url + reverse("brief_autosave", args=[prep.pk])
    page.goto(url)
    status = page.locator("#brief-save-status")

    page.context.set_offline(True)
    page.get_by_role("textbox", name="Purpose").fill("Typed while the network was down")
    expect(status).to_contain_text("no connection", timeout=30_000)
    page.context.set_offline(False)
    expect(status).to_have_text("Saved", timeout=15_000)
    assert MeetingBrief.objects.get(prep=prep).purpose == "Typed while the network was down"

    # Reloaded before the second's pause is over: the field and the new item's draft come back.
    page.get_by_role("textbox", name="Place").fill("Typed just before the reload")
    page.locator("#id_title").fill("A new item not added yet")
    page.reload()
    expect(page.get_by_role("textbox", name="Place")).to_have_value("Typed just before the reload")
    expect(page.locator("#id_title")).to_have_value("A new item not added yet")
    page.wait_for_function(f"{ROW_COPIES} === 0")
    assert MeetingBrief.objects.get(prep=prep).place == "Typed just before the reload"

    for forwarded, text in ((False, "Never reached the server"), (True, "Its reply was lost")):
        held = []

        def hold(route, forwarded=forwarded, held=held):
            if forwarded:
                route.fetch()  # the server saves it; the page never hears back
            held.append(route)

        page.route(save_url, hold)
        page.get_by_role("textbox", name="Desired outcome").fill(text)
        for _ in range(600):  # the route's handler runs while this thread waits on the browser
            if held:
                break
            page.wait_for_timeout(50)
        assert held, "the save was never sent"
        page.unroute_all(behavior="ignoreErrors")
        page.reload()
        for route in held:  # the reload cancelled it in the browser; nothing is left waiting
            with contextlib.suppress(Error):
                route.abort()
        expect(page.get_by_role("textbox", name="Desired outcome")).to_have_value(text)
        page.wait_for_function(f"{ROW_COPIES} === 0")
        expect(page.locator("[data-conflict]")).to_have_count(0)
        assert MeetingBrief.objects.get(prep=prep).desired_outcome == text


def test_without_javascript_every_button_keeps_the_purpose(browser, live_server, prep):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 375, "height": 900}, timezone_id=settings.TIME_ZONE
    )
    page = context.new_page()
    try:
        log_in_on(page, live_server.url, prep.owner)
        page.goto(live_server.url + reverse("prep_brief", args=[prep.pk]))
        purpose = page.get_by_role("textbox", name="Purpose")
        for n, (name, which, _) in enumerate(BUTTONS):
            typed = f"Agree on a pilot, plain form {n}"
            purpose.fill(typed)
            with page.expect_navigation():
                page.get_by_role("button", name=re.compile(f"^{name}")).nth(which).click()
            expect(purpose).to_have_value(typed)
            assert MeetingBrief.objects.get(prep=prep).purpose == typed, name
    finally:
        context.close()
