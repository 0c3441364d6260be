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

    page.get_by_label("Email").fill(email)
    page.get_by_label("First name").fill(first_name)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    sent = [message for message in mail.outbox if email in message.to]
    link = re.search(r"https?://\S+/accounts/welcome/\S+/", sent[-1].body).group(0)
    page.goto(link)
    page.get_by_label("New password", exact=True).fill(password)
    page.get_by_label("New password confirmation").fill(password)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/preps/new/")
