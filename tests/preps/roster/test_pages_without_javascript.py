"""The roster without JavaScript: the fill page lists the people under question 1; add, edit (on the row's
version: a stale save is a 409 with both texts and changes nothing) and remove after a confirmation; bad input
is a clear 4xx that keeps the person's text in the form and changes nothing; another prep's person is a 404.
(The pages the fill page's scripts call are in test_row_autosave_move_and_undo.py.)"""

import pytest
from django.urls import reverse

from preps.models import Stakeholder
from preps.models.roster import STAKEHOLDER_TEXT_MAX
from testsupport.factories import prep_create, roster_fill, stakeholder_create, stakeholder_edit_data

pytestmark = pytest.mark.django_db

ADD = {
    "name": "Chief Alvarez",
    "role": "Chief",
    "organisation": "Springfield PD",
    "kind": "police",
    "invite": "later",
}


def test_the_fill_page_lists_the_roster_under_question_one(owner_client, prep):
    roster_fill(prep, 3)
    html = owner_client.get(reverse("prep_fill", args=[prep.pk])).content.decode()
    question_1, question_2 = html.index('id="question-1"'), html.index('id="question-2"')
    roster = html.index('id="roster"')
    assert question_1 < roster < question_2
    for n in (1, 2, 3):
        assert html.index(f"Person {n}") < question_2
    person = prep.stakeholders.get(name="Person 2")
    assert reverse("stakeholder_edit", args=[prep.pk, person.pk]) in html
    assert reverse("stakeholder_remove", args=[prep.pk, person.pk]) in html
    assert reverse("stakeholder_add", args=[prep.pk]) in html


def test_add_a_person(owner_client, prep):
    url = reverse("stakeholder_add", args=[prep.pk])
    assert owner_client.get(url).status_code == 200
    response = owner_client.post(url, ADD)
    assert response.status_code == 302
    assert response["Location"] == reverse("prep_fill", args=[prep.pk]) + "#roster-add"
    person = prep.stakeholders.get()
    assert (person.name, person.role, person.organisation, person.kind, person.invite, person.position) == (
        "Chief Alvarez",
        "Chief",
        "Springfield PD",
        "police",
        "later",
        0,
    )
    page = owner_client.get(response["Location"]).content.decode()
    assert "Added Chief Alvarez to the roster." in page
    assert reverse("stakeholder_edit", args=[prep.pk, person.pk]) in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "This field is required"),
        ({"name": "   "}, "This field is required"),
        ({"kind": "sheriff"}, "Select a valid choice"),
        ({"invite": ""}, "This field is required"),
        ({"name": "x" * 201}, "at most 200 characters"),
        ({"role": "x" * 201}, "at most 200 characters"),
        ({"organisation": "x" * 201}, "at most 200 characters"),
    ],
    ids=lambda c: ",".join(f"{k}={v[:8]!r}" for k, v in c.items()) if isinstance(c, dict) else "",
)
def test_adding_bad_input_is_a_400_that_keeps_the_text_and_adds_no_one(owner_client, prep, changes, message):
    response = owner_client.post(reverse("stakeholder_add", args=[prep.pk]), {**ADD, **changes})
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    kept = {**ADD, **changes}
    assert kept["role"] in body and kept["organisation"] in body
    assert not Stakeholder.objects.exists()


def test_edit_saves_every_changed_field_on_one_version(owner_client, prep):
    person = stakeholder_create(prep=prep, name="Chief Alvarez")
    url = reverse("stakeholder_edit", args=[prep.pk, person.pk])
    assert owner_client.get(url).status_code == 200
    response = owner_client.post(
        url,
        stakeholder_edit_data(person, expertise="Use-of-force data", influence="high", stance="skeptical"),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.expertise, person.influence, person.stance, person.version) == (
        "Use-of-force data",
        "high",
        "skeptical",
        2,
    )


def test_a_stale_edit_is_a_409_with_both_texts_and_saves_on_the_second_try(owner_client, prep):
    person = stakeholder_create(prep=prep, name="Chief Alvarez")
    url = reverse("stakeholder_edit", args=[prep.pk, person.pk])
    stale = stakeholder_edit_data(person, concerns="Mine from window B")
    assert owner_client.post(url, stakeholder_edit_data(person, concerns="From window A")).status_code == 302

    response = owner_client.post(url, stale)
    assert response.status_code == 409
    html = response.content.decode()
    assert "From window A" in html and "Mine from window B" in html
    person.refresh_from_db()
    assert (person.concerns, person.version) == ("From window A", 2)
    # The re-rendered form carries the current version: sending it again keeps the director's text.
    assert response.context["form"].data["version"] == 2
    assert 'name="version" value="2"' in html
    again = owner_client.post(url, {**stale, "version": 2})
    assert again.status_code == 302
    person.refresh_from_db()
    assert (person.concerns, person.version) == ("Mine from window B", 3)


@pytest.mark.parametrize(
    "changes",
    [
        {"influence": "extreme"},
        {"stance": "Champion"},
        {"stance": "hostile"},
        {"kind": ""},
        {"name": ""},
        {"what_matters": "x" * (STAKEHOLDER_TEXT_MAX + 1)},
        {"version": "one"},
        {"version": "-1"},
        {"version": str(2**40)},
        {"version": ""},
    ],
    ids=lambda c: ",".join(f"{k}={v[:8]!r}" for k, v in c.items()),
)
def test_editing_bad_input_is_a_400_that_changes_nothing(owner_client, prep, changes):
    person = stakeholder_create(prep=prep, name="Chief Alvarez", stance="neutral")
    url = reverse("stakeholder_edit", args=[prep.pk, person.pk])
    response = owner_client.post(url, stakeholder_edit_data(person, role="Chief", **changes))
    assert response.status_code == 400
    person.refresh_from_db()
    assert (person.role, person.stance, person.version) == ("", "neutral", 1)


def test_edit_without_a_version_is_a_400(owner_client, prep):
    person = stakeholder_create(prep=prep, name="Chief Alvarez")
    data = stakeholder_edit_data(person, role="Chief")
    del data["version"]
    response = owner_client.post(reverse("stakeholder_edit", args=[prep.pk, person.pk]), data)
    assert response.status_code == 400
    person.refresh_from_db()
    assert person.version == 1


def test_remove_asks_first_then_removes(owner_client, prep):
    keep, remove = roster_fill(prep, 2)
    url = reverse("stakeholder_remove", args=[prep.pk, remove.pk])
    confirm = owner_client.get(url)
    assert confirm.status_code == 200 and "Remove" in confirm.content.decode()
    assert prep.stakeholders.count() == 2
    response = owner_client.post(url)
    assert response.status_code == 302
    assert list(prep.stakeholders.all()) == [keep]
    # Removing again (another window, a double click) is a 404, not a 500.
    assert owner_client.post(url).status_code == 404


def test_another_preps_person_is_a_404_through_the_owners_own_prep(owner_client, prep):
    """The owner's second prep's person, named through the first prep's URL, is not on that roster."""
    other_prep = prep_create(owner=prep.owner, meeting_title="Second")
    theirs = stakeholder_create(prep=other_prep, name="Elsewhere")
    for name, method, data in (
        ("stakeholder_edit", "get", {}),
        ("stakeholder_edit", "post", stakeholder_edit_data(theirs, name="Moved")),
        ("stakeholder_remove", "get", {}),
        ("stakeholder_remove", "post", {}),
    ):
        response = getattr(owner_client, method)(reverse(name, args=[prep.pk, theirs.pk]), data)
        assert response.status_code == 404, (name, method)
    theirs.refresh_from_db()
    assert (theirs.name, theirs.version) == ("Elsewhere", 1)


def test_an_unknown_person_is_a_404(owner_client, prep):
    assert owner_client.get(reverse("stakeholder_edit", args=[prep.pk, 987654])).status_code == 404


def test_other_methods_are_refused(owner_client, prep):
    person = stakeholder_create(prep=prep, name="A")
    assert owner_client.put(reverse("stakeholder_edit", args=[prep.pk, person.pk])).status_code == 405
    assert owner_client.delete(reverse("stakeholder_remove", args=[prep.pk, person.pk])).status_code == 405
    assert prep.stakeholders.count() == 1
