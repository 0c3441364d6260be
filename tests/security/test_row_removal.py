"""Remove at once, then Undo: every kind of removable row (a person, an expected question, an agenda item, an
outcome row) is removed for its prep's writers only, its Undo is for the one who removed it (404 for anyone
else, a colleague too), bad input is a 4xx, and what it held goes with the prep and the account."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.services import account_delete
from briefs.models import AgendaItem
from briefs.services import brief_ensure
from outcomes.models import Decision
from outcomes.services import outcome_row_add
from preps.models import ExpectedQuestion, RowRemoval, Stakeholder
from testsupport.factories import (
    expected_question_create,
    prep_create,
    share_create,
    stakeholder_create,
    user_create,
)

SECRET = "Quokkasecret private note"


@pytest.fixture
def rows(prep) -> dict:
    """One row of each removable kind, each holding the secret: (remove URL, undo URL, model, pk)."""
    person = stakeholder_create(prep=prep, name="Chief Ruiz", concerns=SECRET)
    question = expected_question_create(prep=prep, text=f"{SECRET}?")
    item = AgendaItem.objects.filter(brief=brief_ensure(prep=prep)).first()
    AgendaItem.objects.filter(pk=item.pk).update(note=SECRET)
    decision = outcome_row_add(prep=prep, kind_name="decision", changes={"text": SECRET})
    return {
        "person": (
            reverse("stakeholder_remove", args=[prep.pk, person.pk]),
            reverse("stakeholder_undo_remove", args=[prep.pk, person.pk]),
            Stakeholder,
            person.pk,
        ),
        "expected": (
            reverse("expected_question_remove", args=[prep.pk, question.pk]),
            reverse("expected_question_undo", args=[prep.pk, question.pk]),
            ExpectedQuestion,
            question.pk,
        ),
        "agenda": (
            reverse("prep_brief", args=[prep.pk]),
            reverse("agenda_item_undo", args=[prep.pk, item.pk]),
            AgendaItem,
            item.pk,
        ),
        "decision": (
            reverse("outcome_row_remove", args=[prep.pk, "decision", decision.pk]),
            reverse("outcome_row_undo", args=[prep.pk, "decision", decision.pk]),
            Decision,
            decision.pk,
        ),
    }


def remove(client, prep, row) -> int:
    remove_url, _undo, model, pk = row
    if model is AgendaItem:  # the brief page's one form: its version and the button pressed
        brief = brief_ensure(prep=prep)
        data = {"version": brief.version, "action": f"remove-{pk}"}
        return client.post(remove_url, data).status_code
    return client.post(remove_url).status_code


KINDS = ("person", "expected", "agenda", "decision")


@pytest.mark.parametrize("kind", KINDS)
def test_undo_is_for_the_one_who_removed_it(prep, owner, owner_client, rows, kind):
    editor = user_create("edie")
    share_create(prep=prep, user=editor, role="editor")
    colleague = Client()
    colleague.force_login(editor)
    assert remove(owner_client, prep, rows[kind]) == 302
    _remove, undo_url, model, pk = rows[kind]
    assert not model.objects.filter(pk=pk).exists()

    response = colleague.post(undo_url)
    assert response.status_code == 404
    assert "nothing to undo" in response.content.decode()
    assert not model.objects.filter(pk=pk).exists()

    assert owner_client.post(undo_url).status_code == 302
    assert model.objects.filter(pk=pk).exists()
    assert owner_client.post(undo_url).status_code == 404  # once


@pytest.mark.parametrize("kind", KINDS)
def test_another_preps_row_is_neither_removed_nor_undone(prep, owner, owner_client, rows, kind):
    _remove, _undo, model, pk = rows[kind]
    mine = prep_create(owner=owner, meeting_title="Mine too")
    brief_ensure(prep=mine)
    remove_url, undo_url, _model, _pk = rows[kind]
    # The same row through the owner's other prep: not there.
    other_remove = remove_url.replace(f"/preps/{prep.pk}/", f"/preps/{mine.pk}/")
    other_undo = undo_url.replace(f"/preps/{prep.pk}/", f"/preps/{mine.pk}/")
    if model is not AgendaItem:
        assert owner_client.post(other_remove).status_code == 404
    assert model.objects.filter(pk=pk).exists()
    remove(owner_client, prep, rows[kind])
    assert owner_client.post(other_undo).status_code == 404
    assert not model.objects.filter(pk=pk).exists()


@pytest.mark.parametrize("kind", KINDS)
def test_outsiders_get_404_and_readers_403(prep, owner_client, outsider, rows, kind):
    viewer = user_create("vera")
    share_create(prep=prep, user=viewer, role="viewer")
    remove(owner_client, prep, rows[kind])
    _remove, undo_url, model, pk = rows[kind]
    for user, status in ((outsider, 404), (viewer, 403)):
        client = Client()
        client.force_login(user)
        assert client.post(undo_url).status_code == status
    assert not model.objects.filter(pk=pk).exists()


@pytest.mark.parametrize(
    "path",
    [
        "/preps/{prep}/people/99999999999999999999/undo-remove/",
        "/preps/{prep}/expected/-1/undo-remove/",
        "/preps/{prep}/outcome/stance/1/undo-remove/",
        "/preps/{prep}/outcome/no-such-kind/1/undo-remove/",
        "/preps/{prep}/brief/agenda/0/undo-remove/",
    ],
)
def test_malformed_undo_addresses_are_4xx(prep, owner_client, path):
    brief_ensure(prep=prep)
    response = owner_client.post(path.format(prep=prep.pk), {"x": "y" * 5000})
    assert 400 <= response.status_code < 500


def test_undo_with_get_is_405_and_an_oversized_body_is_413(prep, owner, owner_client, rows, settings):
    remove(owner_client, prep, rows["expected"])
    _remove, undo_url, model, pk = rows["expected"]
    assert owner_client.get(undo_url).status_code == 405
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    browser = Client(enforce_csrf_checks=True)  # the CSRF check reads the body, as in production
    browser.force_login(owner)
    browser.get(reverse("prep_fill", args=[prep.pk]))
    token = browser.cookies["csrftoken"].value
    response = browser.post(undo_url, {"csrfmiddlewaretoken": token, "pad": "x" * 5000})
    assert response.status_code == 413
    assert not model.objects.filter(pk=pk).exists()


@pytest.mark.django_db(transaction=True)
def test_removals_go_with_the_prep_and_with_the_account(owner, worksheet):
    client = Client()
    client.force_login(owner)
    for _ in range(2):
        prep = prep_create(owner=owner, worksheet=worksheet)
        person = stakeholder_create(prep=prep, name="Chief Ruiz", concerns=SECRET)
        client.post(reverse("stakeholder_remove", args=[prep.pk, person.pk]))
    assert RowRemoval.objects.count() == 2
    client.post(reverse("prep_delete", args=[prep.pk]))
    assert RowRemoval.objects.count() == 1
    account_delete(user=owner)
    assert not RowRemoval.objects.exists()
