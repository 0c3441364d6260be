"""Every save endpoint answers the one save reply (core/saves.py, docs/urls.md): a stale version is a 409 with
the stored values, their version, who and when; malformed, oversized, unnumbered, another user's or a reader's
saves are a 4xx with {"status": "invalid", "message"}, never a 500, and change nothing."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.urls import reverse

from briefs.models import MeetingBrief
from briefs.services import brief_ensure
from outcomes.models import Decision
from outcomes.services import outcome_ensure, outcome_row_add
from preps.models import Answer, ExpectedQuestion, Stakeholder
from testsupport.clients import BrowserClient
from testsupport.factories import (
    answer_create,
    expected_question_create,
    share_create,
    stakeholder_create,
    user_create,
)

pytestmark = pytest.mark.django_db

CONFLICT_KEYS = {"status", "message", "current", "current_version", "changed_by", "changed_at"}


@dataclass(frozen=True)
class Endpoint:
    """A save endpoint: its URL for a prep, the field it saves, and the stored row's (version, value)."""

    url: Callable
    field: str
    stored: Callable


def _answer(prep):
    question = prep.worksheet.questions.order_by("position").first()
    answer_create(prep=prep, question=question, text="Stored", version=1)
    return Endpoint(
        url=lambda: reverse("answer_autosave", args=[prep.pk, question.key]),
        field="text",
        stored=lambda: Answer.objects.values_list("version", "text").get(prep=prep, question=question),
    )


def _person(prep):
    person = stakeholder_create(prep=prep, name="Dana", concerns="Stored")
    return Endpoint(
        url=lambda: reverse("stakeholder_autosave", args=[prep.pk, person.pk]),
        field="concerns",
        stored=lambda: Stakeholder.objects.values_list("version", "concerns").get(pk=person.pk),
    )


def _expected(prep):
    question = expected_question_create(prep=prep, text="Stored")
    return Endpoint(
        url=lambda: reverse("expected_question_save", args=[prep.pk, question.pk]),
        field="text",
        stored=lambda: ExpectedQuestion.objects.values_list("version", "text").get(pk=question.pk),
    )


def _brief(prep):
    brief = brief_ensure(prep=prep)
    MeetingBrief.objects.filter(pk=brief.pk).update(purpose="Stored")
    return Endpoint(
        url=lambda: reverse("brief_autosave", args=[prep.pk]),
        field="purpose",
        stored=lambda: MeetingBrief.objects.values_list("version", "purpose").get(pk=brief.pk),
    )


def _outcome_row(prep):
    outcome_ensure(prep=prep)
    row = outcome_row_add(prep=prep, kind_name="decision", changes={"text": "Stored"})
    return Endpoint(
        url=lambda: reverse("outcome_row_save", args=[prep.pk, "decision", row.pk]),
        field="text",
        stored=lambda: Decision.objects.values_list("version", "text").get(pk=row.pk),
    )


ENDPOINTS = {
    "answer": _answer,
    "person": _person,
    "expected-question": _expected,
    "brief": _brief,
    "outcome-row": _outcome_row,
}


@pytest.fixture(params=list(ENDPOINTS))
def endpoint(request, prep):
    return ENDPOINTS[request.param](prep)


def _post(client, url, data, **kwargs):
    headers = {"X-Requested-With": "fetch", "X-CSRFToken": client.csrf_token}
    return client.post(url, data, headers=headers, **kwargs)


def test_a_stale_version_is_a_409_with_the_stored_value_who_and_when(owner, prep, endpoint):
    cora = user_create("cora", first_name="Cora", last_name="Diaz")
    share_create(prep=prep, user=cora, role="editor")
    version, _ = endpoint.stored()
    saved = _post(BrowserClient(cora), endpoint.url(), {"version": version, endpoint.field: "Cora’s"})
    assert saved.status_code == 200 and saved.json()["version"] == version + 1
    before = endpoint.stored()

    response = _post(BrowserClient(owner), endpoint.url(), {"version": version, endpoint.field: "Mine"})
    assert response.status_code == 409
    body = response.json()
    assert set(body) == CONFLICT_KEYS and body["status"] == "conflict"
    assert body["current"][endpoint.field] == "Cora’s" and body["current_version"] == version + 1
    assert body["changed_at"] and body["message"]
    assert body["changed_by"] == "Cora Diaz"
    assert endpoint.stored() == before


HOSTILE = {
    "json-body": (lambda version, field: (f'{{"version": {version}, "{field}": "x"', "application/json")),
    "version-not-a-number": (lambda version, field: ({"version": "²", field: "x"}, None)),
    "version-missing": (lambda version, field: ({field: "x"}, None)),
    "oversized": (
        lambda version, field: ({"version": version, field: "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE}, None)
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_input_is_a_4xx_with_a_message_and_changes_nothing(owner, prep, endpoint, case):
    before = endpoint.stored()
    data, content_type = HOSTILE[case](before[0], endpoint.field)
    kwargs = {"content_type": content_type} if content_type else {}
    response = _post(BrowserClient(owner), endpoint.url(), data, **kwargs)
    assert 400 <= response.status_code < 500, response.content[:200]
    body = response.json()
    assert body["status"] == "invalid" and body["message"].strip()
    assert endpoint.stored() == before


@pytest.mark.parametrize("who", ["outsider", "viewer"])
def test_another_users_or_a_readers_save_is_refused_and_changes_nothing(prep, endpoint, who):
    user = user_create(who)
    if who == "viewer":
        share_create(prep=prep, user=user, role="viewer")
    before = endpoint.stored()
    response = _post(BrowserClient(user), endpoint.url(), {"version": before[0], endpoint.field: "Theirs"})
    assert response.status_code == (404 if who == "outsider" else 403)
    assert endpoint.stored() == before
