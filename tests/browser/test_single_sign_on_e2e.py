"""Single sign-on in Chromium (issue 29, point 1, done when): a director signs in through a real OpenID
provider's login and consent pages, lands on her dashboard, signs out, and is offered the provider's logout,
which brings her back to prepmeet's home page. With SSO_ONLY the login page offers nothing else."""

import re

import pytest
from playwright.sync_api import expect

from testsupport.oidc import PASSWORD, OpenIDProvider, sso_settings, user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def provider(live_server, settings):
    with OpenIDProvider(
        redirect_uris=[f"{live_server.url}/oidc/callback/"],
        post_logout_redirect_uris=[f"{live_server.url}/"],
        users={"dana": user("dana", "dana@city.example", name="Dana Director")},
    ) as running:
        env = running.environment(SSO_ONLY="true", SSO_PROVIDER_NAME="Test City ID")
        for name, value in sso_settings(env).items():
            setattr(settings, name, value)
        yield running


def test_a_director_signs_in_and_out_through_the_provider(page, live_server, provider, axe_audit, screenshot):
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_label("Password")).to_have_count(0)  # SSO_ONLY: no password form
    axe_audit("sso-login")
    page.get_by_role("link", name="Sign in with Test City ID").click()

    # The provider's own pages: its login, then its consent.
    expect(page).to_have_url(re.compile(rf"^{re.escape(provider.issuer)}/interaction/"))
    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Allow prepmeet?")
    page.get_by_role("button", name="Allow").click()

    page.wait_for_url(f"{live_server.url}/preps/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My meeting preps")
    screenshot("sso-dashboard")

    page.get_by_role("button", name=re.compile("^Log out")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are logged out of prepmeet")
    axe_audit("sso-signed-out")
    screenshot("sso-signed-out")
    page.get_by_role("link", name="Sign out of Test City ID too").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign out of Test City ID?")
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in")).to_be_visible()


def test_the_refusal_and_sso_only_pages_pass_axe(page, live_server, provider, axe_audit):
    page.goto(f"{live_server.url}/oidc/callback/?code=forged&state=forged")
    expect(page.get_by_role("heading", level=1)).to_have_text("Not signed in")
    axe_audit("sso-refused")
    page.goto(f"{live_server.url}/accounts/signup/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in with Test City ID")
    axe_audit("sso-only-signup")
