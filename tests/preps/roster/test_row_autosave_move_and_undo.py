"""The roster on the fill page and the pages its scripts call: each person's autosave (JSON on the row's
version: saved, 409 with the saved text, a clear 4xx that changes nothing), Move up / Move down (JSON for the
script, a redirect for a plain form), removing and undoing it (the row back with every field, server-side),
the power map's fragment; and the fill page's markup for js/saver.js."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from core import ordered
from preps.models import Stakeholder
from preps.models.roster import ROSTER_MAX_PEOPLE, STAKEHOLDER_TEXT_MAX
from testsupport.factories import expected_question_create, prep_create, roster_fill, stakeholder_create

pytestmark = pytest.mark.django_db

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


def save_url(prep, person_id) -> str:
    return reverse("stakeholder_autosave", args=[prep.pk, person_id])


def names(prep) -> list[str]:
    return list(prep.stakeholders.order_by("position", "pk").values_list("name", flat=True))


# The fill page


def test_the_fill_page_has_each_person_as_a_row_and_their_fields_under_questions_2_and_3(owner_client, prep):
    dana, sam = roster_fill(prep, 2)
    Stakeholder.objects.filter(pk=dana.pk).update(
        name="Dana Whitfield", concerns="Overtime", stance="skeptical"
    )
    html = owner_client.get(reverse("prep_fill", args=[prep.pk])).content.decode()
    q1, q2, q3, q4 = (html.index(f'id="question-{n}"') for n in (1, 2, 3, 4))
    row = html.index(f'id="person-{dana.pk}"')
    assert q1 < row < q2
    assert f'data-row-url="{save_url(prep, dana.pk)}" data-row-version="1"' in html
    # Each person's fields: question 1's row, question 2's expertise, question 3's two fields.
    assert q1 < html.index(f'id="p{dana.pk}-name"') < html.index(f'id="p{dana.pk}-stance"') < q2
    assert q2 < html.index(f'id="p{dana.pk}-expertise"') < q3
    assert q3 < html.index(f'id="p{dana.pk}-what_matters"') < html.index(f'id="p{dana.pk}-concerns"') < q4
    assert re.search(rf'id="p{dana.pk}-concerns"[^>]*>Overtime</textarea>', html)
    assert re.search(r'<option value="skeptical" selected>Skeptical</option>', html)
    # The no-JS forms are outside the answers form (forms cannot nest) and carry the row's version.
    answers_form_end = html.index("</form>", html.index('id="answers-form"'))
    person_form = html.index(f'id="person-form-{dana.pk}"')
    assert person_form > answers_form_end
    assert 'name="version" value="1"' in html[person_form : html.index("</form>", person_form)]
    assert f'form="person-form-{sam.pk}"' in html
    # Adding on the page; the power map and its table; the scripts.
    assert f'action="{reverse("stakeholder_add", args=[prep.pk])}"' in html
    assert 'id="power-map"' in html and "The power map as a table" in html
    assert "js/saver.js" in html and "js/roster.js" in html


def test_the_fill_page_draws_the_power_map_with_every_rated_name(owner_client, prep):
    stakeholder_create(prep=prep, name="Dana Whitfield", influence="high", stance="champion")
    stakeholder_create(prep=prep, name="Not Rated Yet")
    html = owner_client.get(reverse("prep_fill", args=[prep.pk])).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "Dana Whitfield" in svg and "Not Rated Yet" not in svg
    assert '<title id="power-map-title">' in svg and "<desc" in svg
    assert "<script" not in svg


def test_question_four_has_its_hooks_for_the_expected_questions(owner_client, prep):
    response = owner_client.get(reverse("prep_fill", args=[prep.pk]))
    used = [template.name for template in response.templates]
    assert "preps/_expected_questions.html" in used and "preps/_expected_questions_scripts.html" in used


# Autosave of one person


def test_a_field_saves_on_the_rows_version(owner_client, prep):
    (person,) = roster_fill(prep, 1, expertise="", what_matters="")
    response = owner_client.post(save_url(prep, person.pk), {"version": 1, "expertise": "Call data"}, **FETCH)
    assert response.status_code == 200
    data = response.json()
    assert (data["status"], data["version"], data["answered_count"]) == ("saved", 2, 1)
    person.refresh_from_db()
    assert (person.expertise, person.version) == ("Call data", 2)


def test_several_fields_save_together(owner_client, prep):
    (person,) = roster_fill(prep, 1)
    response = owner_client.post(
        save_url(prep, person.pk), {"version": 1, "influence": "high", "stance": "champion", "name": "Dana"}
    )
    assert response.json()["status"] == "saved"
    person.refresh_from_db()
    assert (person.influence, person.stance, person.name, person.version) == ("high", "champion", "Dana", 2)


def test_a_save_from_an_older_version_is_a_409_with_the_saved_text_and_changes_nothing(owner_client, prep):
    (person,) = roster_fill(prep, 1)
    assert (
        owner_client.post(save_url(prep, person.pk), {"version": 1, "concerns": "From A"}).status_code == 200
    )
    response = owner_client.post(save_url(prep, person.pk), {"version": 1, "concerns": "From B"})
    assert response.status_code == 409
    data = response.json()
    assert data["status"] == "conflict"
    assert data["current"] == {"concerns": "From A"} and data["current_version"] == 2
    assert "another window" in data["message"]
    person.refresh_from_db()
    assert (person.concerns, person.version) == ("From A", 2)
    assert data["changed_by"] is None and data["changed_at"] == person.updated_at.isoformat()
    # On the current version the director's text is kept.
    assert (
        owner_client.post(save_url(prep, person.pk), {"version": 2, "concerns": "From B"}).status_code == 200
    )
    person.refresh_from_db()
    assert person.concerns == "From B"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"version": 1, "influence": "extreme"}, "Influence must be one of"),
        ({"version": 1, "stance": "Champion"}, "Stance must be one of"),
        ({"version": 1, "kind": "sheriff"}, "Kind must be one of"),
        ({"version": 1, "concerns": "x" * (STAKEHOLDER_TEXT_MAX + 1)}, "too long"),
        ({"version": 1, "name": "x" * 201}, "too long"),
        ({"version": 1, "name": "  "}, "needs a name"),
        ({"version": 1, "concerns": "a\x00b"}, "NUL"),
        ({"version": 1, "position": "0"}, "Not a field of a person"),
        ({"version": 1, "prep": "2"}, "Not a field of a person"),
        ({"version": 1}, "Nothing to save"),
        ({"concerns": "No version"}, "no valid version"),
        ({"version": "one", "concerns": "x"}, "no valid version"),
        ({"version": "-1", "concerns": "x"}, "no valid version"),
        ({"version": str(2**40), "concerns": "x"}, "no valid version"),
    ],
    ids=lambda v: ",".join(f"{k}={str(x)[:8]!r}" for k, x in v.items()) if isinstance(v, dict) else "",
)
def test_bad_input_is_a_400_with_a_message_that_changes_nothing(owner_client, prep, data, message):
    (person,) = roster_fill(prep, 1, concerns="Kept")
    response = owner_client.post(save_url(prep, person.pk), data, **FETCH)
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == "invalid" and message in body["message"], body
    person.refresh_from_db()
    assert (person.name, person.concerns, person.influence, person.version) == ("Person 1", "Kept", "", 1)


def test_an_unknown_person_or_another_preps_person_is_a_404_that_changes_nothing(owner_client, prep):
    other_prep = prep_create(owner=prep.owner, meeting_title="Second")
    theirs = stakeholder_create(prep=other_prep, name="Elsewhere")
    for person_id in (theirs.pk, 987654):
        response = owner_client.post(save_url(prep, person_id), {"version": 1, "name": "Moved"}, **FETCH)
        assert response.status_code == 404
        assert response.json()["status"] == "invalid"
    theirs.refresh_from_db()
    assert (theirs.name, theirs.version) == ("Elsewhere", 1)


def test_another_users_prep_is_a_404(client, outsider, prep):
    (person,) = roster_fill(prep, 1)
    client.force_login(outsider)
    assert client.post(save_url(prep, person.pk), {"version": 1, "name": "Taken"}).status_code == 404
    person.refresh_from_db()
    assert person.name == "Person 1"


def test_not_form_data_is_a_415_and_get_a_405(owner_client, prep):
    (person,) = roster_fill(prep, 1)
    response = owner_client.post(save_url(prep, person.pk), '{"name": "X"}', content_type="application/json")
    assert response.status_code == 415 and response.json()["status"] == "invalid"
    assert owner_client.get(save_url(prep, person.pk)).status_code == 405


# Move up / Move down


def test_move_up_and_down_for_the_script(owner_client, prep):
    a, b, c = roster_fill(prep, 3)
    url = reverse("stakeholder_move", args=[prep.pk, c.pk])
    response = owner_client.post(url, {"direction": "up"}, **FETCH)
    assert response.json() == {"status": "moved", "order": [a.pk, c.pk, b.pk]}
    assert owner_client.post(url, {"direction": "up"}, **FETCH).json()["order"] == [c.pk, a.pk, b.pk]
    # Already at the top: stays.
    assert owner_client.post(url, {"direction": "up"}, **FETCH).json()["order"] == [c.pk, a.pk, b.pk]
    owner_client.post(reverse("stakeholder_move", args=[prep.pk, a.pk]), {"direction": "down"}, **FETCH)
    assert names(prep) == ["Person 3", "Person 2", "Person 1"]


def test_move_without_javascript_comes_back_to_the_person(owner_client, prep):
    a, b = roster_fill(prep, 2)
    response = owner_client.post(reverse("stakeholder_move", args=[prep.pk, a.pk]), {"direction": "down"})
    assert response.status_code == 302
    assert response["Location"] == reverse("prep_fill", args=[prep.pk]) + f"#person-{a.pk}"
    assert names(prep) == ["Person 2", "Person 1"]


@pytest.mark.parametrize("direction", ["sideways", "", "UP"])
def test_a_bad_move_is_a_400_that_changes_nothing(owner_client, prep, direction):
    a, b = roster_fill(prep, 2)
    response = owner_client.post(
        reverse("stakeholder_move", args=[prep.pk, b.pk]), {"direction": direction}, **FETCH
    )
    assert response.status_code == 400 and response.json()["status"] == "invalid"
    assert names(prep) == ["Person 1", "Person 2"]


def test_moving_another_preps_person_is_a_404(owner_client, prep):
    roster_fill(prep, 2)
    theirs = stakeholder_create(prep=prep_create(owner=prep.owner), name="Elsewhere")
    url = reverse("stakeholder_move", args=[prep.pk, theirs.pk])
    assert owner_client.post(url, {"direction": "up"}, **FETCH).status_code == 404
    assert owner_client.post(url, {"direction": "up"}).status_code == 404


# Remove, then undo


def remove(client, prep, person):
    return client.post(reverse("stakeholder_remove", args=[prep.pk, person.pk]))


def undo(client, prep, person_id):
    return client.post(reverse("stakeholder_undo_remove", args=[prep.pk, person_id]))


def test_undo_puts_the_person_back_with_every_field_in_their_place(owner_client, prep):
    a, b, c = roster_fill(prep, 3, concerns="Worried {name}", influence="high", stance="opposed")
    question = expected_question_create(prep=prep, text="Who pays?", askers=[b, c])
    remove(owner_client, prep, b)
    assert names(prep) == ["Person 1", "Person 3"]
    page = owner_client.get(reverse("prep_fill", args=[prep.pk])).content.decode()
    assert "Removed “<bdi>Person 2</bdi>” from the roster." in page
    assert f'action="{reverse("stakeholder_undo_remove", args=[prep.pk, b.pk])}"' in page
    # Someone added in between does not take Person 2's place.
    stakeholder_create(prep=prep, name="Person 4", position=9)

    response = undo(owner_client, prep, b.pk)
    assert response.status_code == 302
    assert response["Location"] == reverse("prep_fill", args=[prep.pk]) + f"#person-{b.pk}"
    assert names(prep) == ["Person 1", "Person 2", "Person 3", "Person 4"]
    back = prep.stakeholders.get(name="Person 2")
    assert (back.pk, back.concerns, back.expertise, back.influence, back.stance) == (
        b.pk,
        "Worried Person 2",
        "Call data for Person 2",
        "high",
        "opposed",
    )
    assert back.version == 2  # a window still showing the old row must reload before its saves count
    assert set(question.askers.all()) == {back, c}
    # Undone once: the offer is gone and a second undo changes nothing.
    page = owner_client.get(reverse("prep_fill", args=[prep.pk])).content.decode()
    assert "Removed “<bdi>Person 2</bdi>”" not in page
    again = undo(owner_client, prep, b.pk)
    assert again.status_code == 404
    assert prep.stakeholders.count() == 4
    assert "nothing to undo" in again.content.decode()


def test_a_stale_window_cannot_save_over_the_restored_row(owner_client, prep):
    (person,) = roster_fill(prep, 1)
    remove(owner_client, prep, person)
    assert owner_client.post(save_url(prep, person.pk), {"version": 1, "name": "X"}).status_code == 404
    undo(owner_client, prep, person.pk)
    assert owner_client.post(save_url(prep, person.pk), {"version": 1, "name": "X"}).status_code == 409


def test_undo_is_for_this_prep_only(owner_client, owner, prep):
    (person,) = roster_fill(prep, 1)
    other_prep = prep_create(owner=prep.owner, meeting_title="Second")
    remove(owner_client, prep, person)
    # Through the owner's other prep: nothing to undo there.
    undo(owner_client, other_prep, person.pk)
    assert not Stakeholder.objects.exists()
    # The same user in another browser can undo it: it is kept for the user, not in one session.
    elsewhere = Client()
    elsewhere.force_login(owner)
    undo(elsewhere, prep, person.pk)
    assert Stakeholder.objects.get().prep == prep


def test_an_old_removal_cannot_be_undone(owner_client, prep, monkeypatch):
    (person,) = roster_fill(prep, 1)
    remove(owner_client, prep, person)
    monkeypatch.setattr(ordered, "UNDO_SECONDS", 0)
    assert "Removed “<bdi>" not in owner_client.get(reverse("prep_fill", args=[prep.pk])).content.decode()
    undo(owner_client, prep, person.pk)
    assert not Stakeholder.objects.exists()


def test_undo_on_a_full_roster_says_so_and_can_be_tried_again(owner_client, prep):
    people = roster_fill(prep, ROSTER_MAX_PEOPLE)
    remove(owner_client, prep, people[0])
    stakeholder_create(prep=prep, name="The last seat")
    response = undo(owner_client, prep, people[0].pk)
    assert "at most" in owner_client.get(response["Location"]).content.decode()
    assert prep.stakeholders.count() == ROSTER_MAX_PEOPLE
    prep.stakeholders.get(name="The last seat").delete()
    undo(owner_client, prep, people[0].pk)
    assert prep.stakeholders.filter(pk=people[0].pk).exists()


# The power map's fragment


def test_the_power_map_fragment_has_the_map_and_the_table(owner_client, prep):
    stakeholder_create(prep=prep, name="Dana Whitfield", influence="high", stance="champion")
    stakeholder_create(prep=prep, name="Sam Lee")
    response = owner_client.get(reverse("power_map_fragment", args=[prep.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    assert 'id="power-map"' in html
    assert "<svg" in html and "Dana Whitfield" in html[html.index("<svg") : html.index("</svg>")]
    table = html[html.index("<table") :]
    assert "Sam Lee" in table and "Not rated" in table and "Champion" in table
    assert "<html" not in html  # a fragment, not a page
