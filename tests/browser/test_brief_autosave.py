"""The brief page keeps what she types (issue 25): a Purpose typed and then any other button of the page
pressed - saving another part, moving, removing or adding an agenda item - is there after a reload, at
desktop and phone widths. The page saves field by field (js/rowsave.js) and its buttons post the whole
form once no save is in flight. Without JavaScript the page is one form: every button keeps the Purpose."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

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


@pytest.mark.parametrize("width", [1280, 375])
def test_a_typed_purpose_survives_every_other_button_and_a_reload(
    page, live_server, prep, log_in, axe_audit, width
):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(prep.owner)
    page.goto(live_server.url + reverse("prep_brief", args=[prep.pk]))
    purpose = page.get_by_role("textbox", name="Purpose")
    status = page.locator("#brief-save-status")
    axe_audit(f"brief-page-one-form-{width}")

    for n, (name, which, posts) in enumerate(BUTTONS):
        typed = f"Agree on a pilot, take {n}"
        purpose.fill(typed)
        if name == "Add to the agenda":
            page.locator("#id_title").fill(f"Budget questions {n}")
        button = page.get_by_role("button", name=re.compile(f"^{name}")).nth(which)
        if posts:
            with page.expect_navigation():
                button.click()
        else:
            button.click()
            expect(status).to_have_text("Saved", timeout=10_000)
        page.reload()
        expect(purpose).to_have_value(typed)
        assert MeetingBrief.objects.get(prep=prep).purpose == typed, name

    assert prep.brief.agenda.filter(title="Budget questions 3").exists()


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
