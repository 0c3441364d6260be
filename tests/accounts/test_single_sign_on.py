"""Single sign-on with OpenID Connect (issue 29, point 1), against a real OpenID provider.

The provider is oidc-provider (npm, OpenID Certified) in a Node process of its own (testsupport/oidc.py); the
person's side of the code flow is ``requests`` through its login and consent pages, the app's side Django's
test client. The app talks to the provider itself over HTTP (discovery, keys, token, userinfo). Hostile
answers come from the same provider, told to rewrite its ID tokens as a broken or hostile one would.
"""

import logging
import threading
from urllib.parse import parse_qs, urlencode, urlparse, urlunparse

import pytest
import requests
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.urls import reverse

from accounts import selectors, services
from accounts.models import ProviderIdentity
from accounts.sso import SESSION_KEY
from testsupport import factories
from testsupport.oidc import (
    CLIENT_SECRET,
    OTHER_CLIENT_ID,
    PASSWORD,
    OpenIDProvider,
    settings_from_environment,
    sign_in_at_provider,
    sso_settings,
    user,
)

User = get_user_model()

USERS = {
    "dana": user("dana", "dana@city.example", name="Dana Director"),
    "uma": user("uma", "uma@city.example", verified=False, name="Uma Unverified"),
    "olga": user("olga", "Olga@City.example", name="Olga Owner"),
    "oscar": user("oscar", "oscar@elsewhere.example", name="Oscar Outside"),
    # As Entra ID may: no email claim, no email_verified, the address as upn and preferred_username.
    "entra": {
        "password": PASSWORD,
        "sub": "sub-entra",
        "upn": "erin@city.example",
        "preferred_username": "erin@city.example",
        "name": "Erin Entra",
    },
}


@pytest.fixture(scope="module")
def provider():
    with OpenIDProvider(
        redirect_uris=["http://testserver/oidc/callback/"],
        post_logout_redirect_uris=["http://testserver/"],
        users=USERS,
    ) as running:
        yield running


@pytest.fixture
def sso(provider, settings):
    """Single sign-on on, pointed at the provider, as prepmeet/settings.py reads it from the environment."""

    def configure(**env: str):
        for name, value in sso_settings(provider.environment(**env)).items():
            setattr(settings, name, value)
        return provider

    configure()
    yield configure
    provider.tamper(None)
    provider.set_users(USERS)


def start(client) -> tuple[str, dict]:
    """Press "Sign in with ...": the provider's authorization URL and its parameters."""
    answer = client.get(reverse("oidc_authentication_init"))
    assert answer.status_code == 302
    return answer["Location"], {
        key: values[0] for key, values in parse_qs(urlparse(answer["Location"]).query).items()
    }


def sign_in(client, login: str, browser: requests.Session | None = None):
    """The whole code flow for ``login`` (``browser`` keeps the provider's cookies); the app's answer to the
    provider's redirect back."""
    authorize_url, _ = start(client)
    callback = sign_in_at_provider(browser or requests.Session(), authorize_url, login=login)
    return client.get(callback)


def signed_in_user(client):
    return User.objects.filter(pk=client.session.get("_auth_user_id")).first()


def assert_refused(answer, status: int, words: str):
    assert answer.status_code == status, answer.content[:500]
    page = answer.content.decode()
    assert "Not signed in" in page and words in page
    assert "_auth_user_id" not in answer.wsgi_request.session


# --- the code flow ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_first_sign_in_makes_the_account_and_lands_on_the_dashboard(client, sso):
    authorize_url, params = start(client)
    # State, nonce and a PKCE challenge (S256) go to the provider; the provider also requires PKCE, so the
    # sign-in below succeeding proves the verifier went with the code.
    assert params["response_type"] == "code" and params["client_id"] == "prepmeet"
    assert params["code_challenge_method"] == "S256" and len(params["code_challenge"]) == 43
    assert len(params["state"]) >= 32 and len(params["nonce"]) >= 32
    assert set(params["scope"].split()) == {"openid", "email", "profile"}
    answer = client.get(sign_in_at_provider(requests.Session(), authorize_url, login="dana"))
    assert answer.status_code == 302 and answer["Location"] == reverse("dashboard")
    dana = signed_in_user(client)
    assert (dana.email, dana.first_name, dana.last_name) == ("dana@city.example", "Dana", "Director")
    assert not dana.has_usable_password()
    assert selectors.email_verified(dana)  # the provider vouched for the address
    assert ProviderIdentity.objects.get(user=dana).subject == "sub-dana"
    assert client.session[SESSION_KEY] is True
    assert client.get(reverse("dashboard")).status_code == 200


@pytest.mark.django_db
def test_the_sign_in_goes_back_to_the_page_asked_for_on_this_site_only(client, sso):
    for asked, landed in (("/account/", "/account/"), ("https://evil.example/", reverse("dashboard"))):
        answer = client.get(reverse("oidc_authentication_init"), {"next": asked})
        callback = sign_in_at_provider(requests.Session(), answer["Location"], login="dana")
        assert client.get(callback)["Location"] == landed
        client.post(reverse("logout"))


@pytest.mark.django_db
def test_a_returning_user_is_found_by_subject_not_by_address(client, sso, provider):
    sign_in(client, "dana")
    dana = signed_in_user(client)
    client.post(reverse("logout"))
    # At the provider her address changes; someone else's account now has her old one.
    provider.set_users({**USERS, "dana": {**USERS["dana"], "email": "dana.new@city.example"}})
    factories.user_create("impostor", email="dana.new@city.example")
    assert sign_in(client, "dana").status_code == 302
    assert signed_in_user(client) == dana
    assert User.objects.filter(email__iexact="dana@city.example").count() == 1


@pytest.mark.django_db
def test_the_first_sign_in_links_an_account_with_the_verified_address(client, sso):
    olga = factories.user_create("olga", email="olga@city.example")
    assert sign_in(client, "olga").status_code == 302
    assert signed_in_user(client) == olga
    assert ProviderIdentity.objects.get(subject="sub-olga").user == olga
    assert olga.has_usable_password()  # her password still works too, until SSO_ONLY


@pytest.mark.django_db
def test_an_unverified_address_neither_links_nor_makes_an_account(client, sso):
    existing = factories.user_create("uma", email="uma@city.example")
    assert_refused(sign_in(client, "uma"), 403, "has not confirmed that this e-mail address is yours")
    assert not ProviderIdentity.objects.exists()
    existing.delete()
    assert_refused(sign_in(client, "uma"), 403, "has not confirmed")
    assert not User.objects.filter(email__iexact="uma@city.example").exists()


@pytest.mark.django_db
def test_only_the_allowed_domains_sign_in(client, sso):
    sso(SSO_ALLOWED_DOMAINS="City.example, @county.example")
    assert_refused(sign_in(client, "oscar"), 403, "Addresses at elsewhere.example cannot sign in")
    assert not User.objects.filter(email="oscar@elsewhere.example").exists()
    assert sign_in(client, "dana").status_code == 302


@pytest.mark.django_db
def test_entra_ids_upn_as_the_address(client, sso):
    """Entra ID sends no email_verified: with SSO_EMAIL_ALWAYS_VERIFIED its upn is trusted in the allowed
    domains only."""
    sso(SSO_EMAIL_CLAIM="upn")
    assert_refused(sign_in(client, "entra"), 403, "has not confirmed")
    sso(SSO_EMAIL_CLAIM="upn", SSO_EMAIL_ALWAYS_VERIFIED="true", SSO_ALLOWED_DOMAINS="city.example")
    assert sign_in(client, "entra").status_code == 302
    assert signed_in_user(client).email == "erin@city.example"


@pytest.mark.django_db
def test_a_superusers_address_is_never_linked(client, sso, staff):
    staff.email = "dana@city.example"
    staff.save()
    assert_refused(sign_in(client, "dana"), 403, "administrator account")


# --- hostile and broken answers -----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "mode, reason",
    [
        ("issuer", "ID token from another issuer"),
        ("audience", "ID token for another client"),
        ("azp", "ID token authorized for another party"),
        ("expired", "ID token expired"),
        ("signature", "ID token not verified"),
    ],
)
def test_an_id_token_that_fails_a_check_is_refused(client, sso, provider, caplog, mode, reason):
    provider.tamper(mode)
    with caplog.at_level(logging.WARNING, logger="accounts.sso_views"):
        answer = sign_in(client, "dana")
    assert_refused(answer, 400, "cannot trust")
    assert not User.objects.filter(email="dana@city.example").exists()
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert reason in logged
    code = parse_qs(urlparse(answer.wsgi_request.get_full_path()).query)["code"][0]
    assert code not in logged and CLIENT_SECRET not in logged and "eyJ" not in logged  # no code, no token


@pytest.mark.django_db
def test_a_tampered_state_is_refused(client, sso):
    authorize_url, _ = start(client)
    callback = urlparse(sign_in_at_provider(requests.Session(), authorize_url, login="dana"))
    query = parse_qs(callback.query)
    query["state"] = [query["state"][0][:-1] + ("A" if query["state"][0][-1] != "A" else "B")]
    answer = client.get(urlunparse(callback._replace(query=urlencode(query, doseq=True))))
    assert_refused(answer, 400, "out of date, was used already, or was started in another browser")


@pytest.mark.django_db
def test_a_replayed_code_is_refused(client, sso):
    authorize_url, _ = start(client)
    callback = sign_in_at_provider(requests.Session(), authorize_url, login="dana")
    assert client.get(callback).status_code == 302
    client.post(reverse("logout"))
    # The same answer again: its state was used up.
    assert_refused(client.get(callback), 400, "was used already")
    # The used code with a fresh state of this browser: the provider refuses it.
    _, params = start(client)
    code = parse_qs(urlparse(callback).query)["code"][0]
    answer = client.get(reverse("oidc_authentication_callback"), {"code": code, "state": params["state"]})
    assert_refused(answer, 400, "cannot trust")


@pytest.mark.django_db
def test_a_code_issued_to_another_client_is_refused(client, sso):
    authorize_url, params = start(client)
    # The person is sent to sign in to another app with the same provider, and its code is slipped into
    # prepmeet's callback with prepmeet's own state.
    other = urlparse(authorize_url)
    other_query = {**params, "client_id": OTHER_CLIENT_ID}
    callback = sign_in_at_provider(
        requests.Session(), urlunparse(other._replace(query=urlencode(other_query))), login="dana"
    )
    assert parse_qs(urlparse(callback).query)["state"][0] == params["state"]
    assert_refused(client.get(callback), 400, "cannot trust")


@pytest.mark.django_db
def test_a_provider_error_or_a_missing_code_is_a_clear_page(client, sso):
    _, params = start(client)
    answer = client.get(
        reverse("oidc_authentication_callback"), {"error": "access_denied", "state": params["state"]}
    )
    assert_refused(answer, 403, "You were not signed in with")
    assert_refused(client.get(reverse("oidc_authentication_callback")), 400, "out of date")


@pytest.mark.django_db
def test_an_unreachable_provider_is_a_503_page(client, sso, settings):
    settings.SSO_ISSUER = "http://127.0.0.1:9/nothing-listens"
    answer = client.get(reverse("oidc_authentication_init"))
    assert answer.status_code == 503 and "not answering" in answer.content.decode()


@pytest.mark.django_db
def test_sso_addresses_answer_404_while_it_is_off(client, owner):
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert client.get(reverse("oidc_authentication_callback"), {"code": "x", "state": "y"}).status_code == 404
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with" not in page and 'name="password"' in page


# --- sign-out, the account page, SSO_ONLY -------------------------------------------------------------------


@pytest.mark.django_db
def test_sign_out_offers_the_providers_logout(client, sso, provider):
    browser = requests.Session()
    sign_in(client, "dana", browser)
    answer = client.post(reverse("logout"))
    assert answer.status_code == 200 and "_auth_user_id" not in client.session
    page = answer.content.decode()
    offered = [part.split('"', 1)[0] for part in page.split('href="')[1:] if part.startswith(provider.issuer)]
    assert len(offered) == 1, page
    link = offered[0].replace("&amp;", "&")
    assert parse_qs(urlparse(link).query) == {
        "client_id": ["prepmeet"],
        "post_logout_redirect_uri": ["http://testserver/"],
    }
    confirm = browser.get(link, timeout=10)  # the provider's own page asks to confirm
    assert confirm.status_code == 200 and "Sign out of Test City ID?" in confirm.text


@pytest.mark.django_db
def test_a_password_sign_out_goes_home_as_before(client, sso, owner):
    client.force_login(owner)
    answer = client.post(reverse("logout"))
    assert answer.status_code == 302 and answer["Location"] == reverse("home")


@pytest.mark.django_db
def test_an_sso_account_has_no_password_to_change_and_deletes_with_its_address(client, sso):
    sign_in(client, "dana")
    page = client.get(reverse("account")).content.decode()
    assert reverse("password_change") not in page and "this account has no prepmeet password" in page
    assert client.get(reverse("password_change")).status_code == 404
    refused = client.post(reverse("account_delete"), {"password": "wrong@city.example"})
    assert refused.status_code == 400
    deleted = client.post(reverse("account_delete"), {"password": "DANA@city.example"})
    assert deleted.status_code == 302 and not User.objects.filter(email="dana@city.example").exists()


@pytest.mark.django_db
def test_sso_only_turns_the_password_pages_off(client, sso, owner):
    sso(SSO_ONLY="true", SSO_PROVIDER_NAME="Test City ID")
    login = client.get(reverse("login"))
    page = login.content.decode()
    assert login.status_code == 200 and "Sign in with Test City ID" in page and 'name="password"' not in page
    assert reverse("signup") not in page, "the menu offers no sign-up with SSO only"
    posted = client.post(reverse("login"), {"username": owner.username, "password": factories.PASSWORD})
    assert posted.status_code == 404 and "_auth_user_id" not in client.session
    assert "Sign in with Test City ID" in posted.content.decode()  # it says how to sign in
    for name in ("signup", "signup_done", "password_reset"):
        assert client.get(reverse(name)).status_code == 404, name
    assert client.get(reverse("password_reset_confirm", args=["MQ", "set-password"])).status_code == 404
    assert client.get(reverse("signup_confirm", args=["MQ", "set-password"])).status_code == 404
    # A session opened with a password ends at its next request; an account with a password, linked at its
    # first sign-in through the provider, is not offered to change a password it cannot use.
    client.force_login(owner)
    assert client.get(reverse("account"))["Location"].startswith(reverse("login"))
    olga = factories.user_create("olga", email="olga@city.example")
    sign_in(client, "olga")
    assert signed_in_user(client) == olga and olga.has_usable_password()
    page = client.get(reverse("account")).content.decode()
    assert reverse("password_change") not in page and "You sign in with Test City ID" in page
    assert client.get(reverse("password_change")).status_code == 404


@pytest.mark.django_db
def test_sso_only_leaves_superusers_the_admins_password_login(client, sso, staff, owner):
    sso(SSO_ONLY="true")
    owner.is_staff = True
    owner.save()
    admin_login = reverse("admin:login")
    refused = client.post(admin_login, {"username": owner.username, "password": factories.PASSWORD})
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    answer = client.post(admin_login, {"username": staff.username, "password": factories.PASSWORD})
    assert answer.status_code == 302 and signed_in_user(client) == staff
    assert client.get(reverse("password_change")).status_code == 200


# --- two first sign-ins at once -----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_first_sign_ins_at_once_make_one_account(monkeypatch, settings, caplog):
    """Both requests find no identity, then both insert; the second meets the unique constraints and finds
    the first one's account. On PostgreSQL both are held after their lookup until the other has made it
    (they then truly race); SQLite's writers take the lock at the start of the transaction, so they queue."""
    settings.SSO_ALLOWED_DOMAINS = []
    settings.SSO_EMAIL_ALWAYS_VERIFIED = False
    claims = services.ProviderClaims(
        issuer="http://idp.example", subject="sub-twin", email="twin@city.example", email_verified=True
    )
    if connection.vendor == "postgresql":
        barrier = threading.Barrier(2, timeout=30)
        lookup = selectors.user_with_email

        def held_lookup(email):
            found = lookup(email)
            barrier.wait()
            return found

        monkeypatch.setattr(selectors, "user_with_email", held_lookup)
    users, errors = [], []

    def first_sign_in():
        try:
            users.append(services.sso_sign_in(claims=claims))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=first_sign_in) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == [] and len(users) == 2
    assert users[0].pk == users[1].pk
    assert User.objects.filter(email="twin@city.example").count() == 1
    assert ProviderIdentity.objects.filter(subject="sub-twin").count() == 1
    if connection.vendor == "postgresql":  # the race was run: one insert met the other's
        assert "a concurrent first sign-in made the account" in caplog.text


# --- settings -----------------------------------------------------------------------------------------------


def test_the_settings_read_from_the_environment(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    values = settings_from_environment(
        {
            "SSO_ISSUER": "https://login.example/tenant/v2.0/",
            "SSO_CLIENT_ID": "app",
            "SSO_CLIENT_SECRET_FILE": str(secret),
            "SSO_SCOPES": "openid, email profile offline_access",
            "SSO_EMAIL_CLAIM": "preferred_username",
            "SSO_ALLOWED_DOMAINS": "City.example, @County.example",
            "SSO_ONLY": "yes",
        }
    )
    assert values["SSO_ISSUER"] == "https://login.example/tenant/v2.0" and values["SSO_ENABLED"]
    assert values["SSO_CLIENT_SECRET"] == values["OIDC_RP_CLIENT_SECRET"] == "from-a-file"
    assert values["OIDC_RP_SCOPES"] == "openid email profile offline_access"
    assert values["SSO_ALLOWED_DOMAINS"] == ["city.example", "county.example"]
    assert values["SSO_EMAIL_CLAIM"] == "preferred_username" and values["SSO_ONLY"] is True
    assert values["OIDC_USE_PKCE"] and values["OIDC_USE_NONCE"]
    defaults = settings_from_environment({})
    assert not defaults["SSO_ENABLED"] and not defaults["SSO_ONLY"]
    assert defaults["SSO_SCOPES"] == ["openid", "email", "profile"] and defaults["SSO_EMAIL_CLAIM"] == "email"


@pytest.mark.parametrize(
    "env, words",
    [
        ({"SSO_ISSUER": "https://idp.example"}, "needs SSO_CLIENT_ID and SSO_CLIENT_SECRET"),
        ({"SSO_CLIENT_SECRET": "a", "SSO_CLIENT_SECRET_FILE": "/etc/hostname"}, "not both"),
        ({"SSO_CLIENT_SECRET_FILE": "/nonexistent/secret"}, "cannot be read"),
        ({"SSO_EMAIL_CLAIM": "mail"}, "must be email, preferred_username or upn"),
        ({"SSO_ONLY": "true"}, "SSO_ONLY needs SSO_ISSUER"),
        ({"SSO_ONLY": "maybe"}, "must be true or false"),
        ({"SSO_EMAIL_ALWAYS_VERIFIED": "true"}, "needs SSO_ALLOWED_DOMAINS"),
        (
            {
                "SSO_ISSUER": "http://idp.example",
                "SSO_CLIENT_ID": "a",
                "SSO_CLIENT_SECRET": "b",
                "DEBUG": "false",
                "SECRET_KEY": "x" * 50,
            },
            "must be an https:// address",
        ),
        (
            {
                "SSO_ISSUER": "https://idp.example",
                "SSO_CLIENT_ID": "a",
                "SSO_CLIENT_SECRET": "b",
                "SSO_SCOPES": "email",
            },
            "must include openid",
        ),
    ],
)
def test_a_wrong_setting_stops_the_start(env, words):
    with pytest.raises(ImproperlyConfigured, match=words):
        settings_from_environment(env)


@pytest.mark.django_db
def test_an_address_locked_out_by_failed_logins_cannot_finish_a_sign_in_either(client, sso, owner):
    for _ in range(5):
        client.post(reverse("login"), {"username": owner.username, "password": "wrong"})
    answer = sign_in(client, "dana")
    assert answer.status_code == 429 and "_auth_user_id" not in client.session
    assert not User.objects.filter(email="dana@city.example").exists()
