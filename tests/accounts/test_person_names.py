"""Names that go into mail (issue 24 points 6 and 7): where a name is typed (sign-up, the account page), it
is refused unless it is letters, spaces, apostrophes, hyphens and periods: no line break (a header
injection, then a 500 on every invitation), no link or address (text sent from the site's own address).
Before, sign-up took any text up to 150 characters and the account page had no name to correct."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts import selectors
from core.users import NAME_MESSAGE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_cache")]

REFUSED = [
    "Eve\nBcc: everyone@example.org",
    "Eve\tEllis",
    "Security team: reset your password at https://evil.example/login now",
    "www.evil.example",
    "evil.example",
    "eve@example.org",
    "Eve 2",
    "Eve\u202e",  # right-to-left override
    "Eve\u200b",  # zero-width space
    "<b>Eve</b>",
]
ACCEPTED = ["Siobhán", "O'Brien", "O’Brien", "Jean-Luc", "J. R. R.", "محمد", "李", "Nguyễn Thị", "King, Jr."]


def sign_up(first_name: str):
    return Client().post(
        reverse("signup"), {"email": "dana@example.org", "first_name": first_name, "last_name": "Ellis"}
    )


@pytest.mark.parametrize("name", REFUSED)
def test_sign_up_refuses_a_name_that_could_carry_a_line_break_or_a_link_into_mail(worksheet, name):
    response = sign_up(name)
    assert response.status_code == 400
    page = response.text
    assert "A name can hold letters" in page or "Put a space after a period" in page
    assert not get_user_model().objects.filter(email="dana@example.org").exists() and not mail.outbox


@pytest.mark.parametrize("name", ACCEPTED)
def test_sign_up_takes_names_of_any_script(worksheet, name):
    assert sign_up(name).status_code == 302
    assert get_user_model().objects.get(email="dana@example.org").first_name == name


def test_the_account_page_corrects_a_name_and_refuses_one_that_cannot_go_into_mail(owner):
    client = Client()
    client.force_login(owner)
    refused = client.post(
        reverse("account_name_save"), {"first_name": "Eve\nBcc: x@example.org", "last_name": ""}
    )
    assert refused.status_code == 400 and NAME_MESSAGE.split(":")[0] in refused.text
    owner.refresh_from_db()
    assert owner.first_name == ""
    saved = client.post(reverse("account_name_save"), {"first_name": "Siobhán", "last_name": "O'Brien"})
    assert saved.status_code == 302 and saved["Location"] == reverse("account")
    owner.refresh_from_db()
    assert owner.get_full_name() == "Siobhán O'Brien"
    assert 'value="O&#x27;Brien"' in client.get(reverse("account")).text


@pytest.mark.django_db
def test_the_account_page_keeps_her_title_and_how_to_reach_her_for_her_briefs(client, owner):
    client.force_login(owner)
    saved = client.post(
        reverse("account_name_save"),
        {"first_name": "Olivia", "last_name": "Martínez", "title": "Director, CARE", "contact": "555-0142"},
    )
    assert saved.status_code == 302
    page = client.get(reverse("account")).content.decode()
    assert 'value="Director, CARE"' in page and 'value="555-0142"' in page
    refused = client.post(
        reverse("account_name_save"),
        {"first_name": "Olivia", "last_name": "", "title": "Director\nBcc: x@example.org", "contact": ""},
    )
    assert refused.status_code == 400
    assert "Your title must be one line." in refused.content.decode()
    assert selectors.convener_details_of(owner) == ("Director, CARE", "555-0142")
