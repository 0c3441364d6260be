"""The autosave endpoint the fill page's script posts each answer to."""

import pytest
from django.test import Client
from django.urls import reverse

from preps.models import Answer, MeetingPrep
from testsupport.factories import question_create, worksheet_create

pytestmark = pytest.mark.django_db


def url(prep, question):
    return reverse("answer_autosave", args=[prep.pk, question.key])


@pytest.fixture
def question(prep):
    return prep.worksheet.questions.get(position=1)


def test_saves_and_counts_versions(owner_client, prep, question):
    response = owner_client.post(url(prep, question), {"text": "Police chief\n- 911 director", "version": 0})
    assert response.status_code == 200
    assert response.json()["status"] == "saved"
    assert response.json()["version"] == 1
    assert response.json()["answered_count"] == 1
    response = owner_client.post(url(prep, question), {"text": "Police chief, fire chief", "version": 1})
    assert response.json()["version"] == 2
    saved = Answer.objects.get(prep=prep, question=question)
    assert (saved.text, saved.version) == ("Police chief, fire chief", 2)


def test_saving_touches_last_edited(owner_client, prep, question):
    before = prep.updated_at
    owner_client.post(url(prep, question), {"text": "x", "version": 0})
    prep.refresh_from_db()
    assert prep.updated_at > before


def test_stale_version_is_a_conflict_and_changes_nothing(owner_client, prep, question):
    owner_client.post(url(prep, question), {"text": "From window A", "version": 0})
    response = owner_client.post(url(prep, question), {"text": "From window B", "version": 0})
    assert response.status_code == 409
    assert response.json()["current"]["text"] == "From window A"
    assert response.json()["current_version"] == 1
    stored = Answer.objects.get(prep=prep, question=question)
    assert stored.text == "From window A"
    # Who and when: the same person in another window (no name), at the stored save's time.
    assert response.json()["changed_by"] is None
    assert response.json()["changed_at"] == stored.updated_at.isoformat()


def test_a_retried_save_whose_reply_was_lost_is_saved_not_a_conflict(owner_client, prep, question):
    """The first post was written but its reply never came back (a dropped connection, an error after the
    write): the script posts the same text on the same version again."""
    first = owner_client.post(url(prep, question), {"text": "Police chief", "version": 0}).json()
    retry = owner_client.post(url(prep, question), {"text": "Police chief", "version": 0})
    assert retry.status_code == 200
    assert retry.json()["status"] == "saved"
    assert retry.json()["version"] == first["version"] == 1  # nothing written twice
    assert Answer.objects.get(prep=prep, question=question).version == 1


def test_outsider_gets_404_and_nothing_changes(client, outsider, prep, question):
    client.force_login(outsider)
    response = client.post(url(prep, question), {"text": "hijack", "version": 0})
    assert response.status_code == 404
    assert not Answer.objects.exists()


def test_anonymous_is_sent_to_login(client, prep, question):
    response = client.post(url(prep, question), {"text": "x", "version": 0})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_missing_csrf_token_is_refused(owner, prep, question):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.post(
        url(prep, question), {"text": "x", "version": 0}, headers={"X-Requested-With": "fetch"}
    )
    assert response.status_code == 403
    assert "Reload the page" in response.json()["message"]
    assert not Answer.objects.exists()


def test_valid_csrf_token_is_accepted(owner, prep, question):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    client.get(reverse("prep_fill", args=[prep.pk]))
    token = client.cookies["csrftoken"].value
    response = client.post(url(prep, question), {"text": "x", "version": 0}, headers={"X-CSRFToken": token})
    assert response.status_code == 200


def test_question_of_another_worksheet_is_404(owner_client, prep):
    other = worksheet_create(slug="other", title="Other")
    foreign = question_create(worksheet=other, key="elsewhere", position=1, prompt="?")
    assert owner_client.post(url(prep, foreign), {"text": "x", "version": 0}).status_code == 404


def test_get_is_not_allowed(owner_client, prep, question):
    assert owner_client.get(url(prep, question)).status_code == 405


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "x"}, "version is missing"),
        ({"text": "x", "version": "abc"}, "Bad version"),
        ({"text": "x", "version": "-1"}, "greater than or equal to 0"),
        ({"text": "a\x00b", "version": 0}, "null byte"),
        ({"text": "x" * 50_001, "version": 0}, "50,000-character limit"),
    ],
)
def test_bad_input_is_a_clear_400_and_keeps_saved_text(owner_client, prep, question, data, message):
    owner_client.post(url(prep, question), {"text": "Keep me", "version": 0})
    response = owner_client.post(url(prep, question), data)
    assert response.status_code == 400
    assert message in response.json()["message"]
    assert Answer.objects.get(prep=prep, question=question).text == "Keep me"


def test_oversized_body_is_413_and_keeps_saved_text(owner_client, prep, question, settings):
    owner_client.post(url(prep, question), {"text": "Keep me", "version": 0})
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = owner_client.post(
        url(prep, question), {"text": "y" * 5000, "version": 1}, headers={"X-Requested-With": "fetch"}
    )
    assert response.status_code == 413
    assert "too large" in response.json()["message"]
    assert Answer.objects.get(prep=prep, question=question).text == "Keep me"


def test_deleted_prep_is_404(owner_client, prep, question):
    pk = prep.pk
    MeetingPrep.objects.filter(pk=pk).delete()
    assert (
        owner_client.post(reverse("answer_autosave", args=[pk, question.key]), {"text": "x"}).status_code
        == 404
    )


def test_a_version_the_form_reads_but_not_plain_digits_still_saves(owner_client, prep, question):
    """Most saves skip the form (plain digits); anything else goes through it, which takes a padded number."""
    response = owner_client.post(url(prep, question), {"text": "Padded", "version": " 0 "})
    assert response.status_code == 200
    assert response.json()["version"] == 1
    assert Answer.objects.get(prep=prep, question=question).text == "Padded"
