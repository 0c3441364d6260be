"""On a phone without JavaScript, Account and Log out can still be reached."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from testsupport.browser import log_in_on

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 740}


@pytest.mark.parametrize("javascript", [False, True])
def test_the_phone_menu_reaches_account_and_log_out(browser, live_server, owner, javascript):
    context = browser.new_context(
        java_script_enabled=javascript, viewport=PHONE, locale="en-US", timezone_id=settings.TIME_ZONE
    )
    page = context.new_page()
    try:
        log_in_on(page, live_server.url, owner)
        nav = page.get_by_role("navigation", name="Main")
        toggle = nav.get_by_role("button", name="Main menu")
        if javascript:
            # With JavaScript the menu folds behind its toggle, as before.
            expect(nav.get_by_role("link", name="Account")).to_be_hidden()
            toggle.click()
            # Bootstrap's "collapsing" ends with "collapse show": the links stand still before a click.
            expect(page.locator("#nav-links")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
        else:
            expect(toggle).to_be_hidden()  # a button that would do nothing is not offered
        expect(nav.get_by_role("link", name="Account")).to_be_visible()
        nav.get_by_role("button", name="Log out").click()
        expect(page).to_have_url(live_server.url + "/")
        expect(page.locator("nav a[href='/accounts/login/']")).to_be_attached()  # logged out
    finally:
        context.close()
