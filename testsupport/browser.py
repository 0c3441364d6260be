"""Playwright steps the browser tests share."""

from .factories import PASSWORD


def log_in_on(page, base_url: str, user) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/preps/")


def sign_up_on(page, *, email: str, first_name: str, password: str = PASSWORD) -> None:
    """Sign up from the sign-up page as a new director would: the address, the name, then the e-mailed
    link (read from Django's test outbox) to choose the password, which signs in and opens a new prep."""
    import re

    from django.core import mail
    from playwright.sync_api import expect

    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("First name").fill(first_name)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    sent = [message for message in mail.outbox if email in message.to]
    link = re.search(r"https?://\S+/accounts/welcome/\S+/", sent[-1].body).group(0)
    page.goto(link)
    page.locator("#id_new_password1").fill(password)  # Django's SetPasswordForm
    page.locator("#id_new_password2").fill(password)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/preps/new/")


def session_cookie(user, base_url: str) -> dict:
    """A Playwright cookie signing ``user`` in, without the login page (for tests that visit many pages as
    several users: one context, its cookies swapped)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return {"name": name, "value": client.cookies[name].value, "url": base_url}
