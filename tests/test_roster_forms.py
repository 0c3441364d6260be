"""The stakeholder roster without JavaScript: the add, edit and remove pages, their refusals (4xx, the
person's text kept in the form) and the 409 on an edit from an older version showing both texts."""

import pytest
from django.urls import reverse

from preps.models import Stakeholder
from preps.models.roster import STAKEHOLDER_TEXT_MAX
from testsupport.factories import prep_create, stakeholder_create, stakeholder_edit_data

pytestmark = pytest.mark.django_db


def test_add_a_person_puts_them_on_the_fill_page(owner_client, prep):
    response = owner_client.post(
        reverse("stakeholder_add", args=[prep.pk]),
        {
            "name": "Chief Dana Ortiz",
            "role": "Police chief",
            "organisation": "City PD",
            "kind": "police",
            "invite": "invite",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#roster-add")
    person = prep.stakeholders.get()
    assert (person.name, person.kind, person.position) == ("Chief Dana Ortiz", "police", 0)
    page = owner_client.get(reverse("prep_fill", args=[prep.pk]))
    assert "Chief Dana Ortiz" in page.content.decode()
    assert reverse("stakeholder_edit", args=[prep.pk, person.pk]) in page.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "   "}, "This field is required"),
        ({"kind": "sheriff"}, "Select a valid choice"),
        ({"role": "x" * 201}, "at most 200 characters"),
    ],
)
def test_a_bad_add_is_a_400_that_keeps_the_text(owner_client, prep, changes, message):
    data = {"name": "Sam Lee", "role": "Dispatcher", "kind": "911", "invite": "invite", **changes}
    response = owner_client.post(reverse("stakeholder_add", args=[prep.pk]), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "Dispatcher" in body or "x" * 201 in body
    assert not prep.stakeholders.exists()


def test_edit_saves_the_per_person_fields_and_bumps_the_version(owner_client, prep):
    person = stakeholder_create(prep=prep, name="Ana Ruiz")
    response = owner_client.post(
        reverse("stakeholder_edit", args=[prep.pk, person.pk]),
        stakeholder_edit_data(
            person, expertise="Runs the 911 center", concerns="Staffing", influence="high", stance="skeptical"
        ),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.expertise, person.concerns, person.influence, person.stance) == (
        "Runs the 911 center",
        "Staffing",
        "high",
        "skeptical",
    )
    assert person.version == 2


def test_edit_from_an_older_version_is_a_409_showing_both_texts(owner_client, prep):
    person = stakeholder_create(prep=prep, name="Ana Ruiz", concerns="Old worry")
    stale = stakeholder_edit_data(person, concerns="My new worry")
    Stakeholder.objects.filter(pk=person.pk).update(concerns="Their worry from another window", version=5)
    response = owner_client.post(reverse("stakeholder_edit", args=[prep.pk, person.pk]), stale)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Their worry from another window" in body
    assert "My new worry" in body
    person.refresh_from_db()
    assert person.concerns == "Their worry from another window"
    # Saving again from the page the 409 gave (now on version 5) keeps the person's text.
    assert 'value="5"' in body
    again = owner_client.post(reverse("stakeholder_edit", args=[prep.pk, person.pk]), {**stale, "version": 5})
    assert again.status_code == 302
    person.refresh_from_db()
    assert person.concerns == "My new worry"


@pytest.mark.parametrize(
    "changes",
    [
        {"influence": "enormous"},
        {"stance": "hostile"},
        {"concerns": "x" * (STAKEHOLDER_TEXT_MAX + 1)},
        {"version": "abc"},
        {"version": "-1"},
    ],
)
def test_a_bad_edit_is_a_400_and_changes_nothing(owner_client, prep, changes):
    person = stakeholder_create(prep=prep, name="Ana Ruiz", concerns="Kept")
    response = owner_client.post(
        reverse("stakeholder_edit", args=[prep.pk, person.pk]), stakeholder_edit_data(person, **changes)
    )
    assert response.status_code == 400
    person.refresh_from_db()
    assert (person.concerns, person.version) == ("Kept", 1)


def test_another_preps_person_is_a_404(owner_client, owner, prep, worksheet):
    other_prep = prep_create(owner=owner, worksheet=worksheet)
    theirs = stakeholder_create(prep=other_prep, name="Elsewhere")
    for name in ("stakeholder_edit", "stakeholder_remove"):
        assert owner_client.get(reverse(name, args=[prep.pk, theirs.pk])).status_code == 404
        assert owner_client.post(reverse(name, args=[prep.pk, theirs.pk]), {}).status_code == 404
    assert owner_client.get(reverse("stakeholder_edit", args=[prep.pk, 999999])).status_code == 404
    assert Stakeholder.objects.filter(pk=theirs.pk).exists()


def test_remove_asks_then_removes(owner_client, prep):
    person = stakeholder_create(prep=prep, name="Ana Ruiz")
    url = reverse("stakeholder_remove", args=[prep.pk, person.pk])
    confirm = owner_client.get(url)
    assert confirm.status_code == 200
    assert "Ana Ruiz" in confirm.content.decode()
    assert prep.stakeholders.exists()
    assert owner_client.post(url).status_code == 302
    assert not prep.stakeholders.exists()
