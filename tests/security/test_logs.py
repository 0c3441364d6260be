"""Structured logs with a request id, recording refusals and lockouts, never answer text,
tokens or passwords. Hostile input goes through the app while the log is captured with the production
formatter; every line must be JSON with a request id, and no secret may appear in it."""

import io
import json
import logging

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from core.logs import JsonFormatter, RequestIdFilter
from testsupport.clients import BrowserClient

pytestmark = pytest.mark.django_db

ANSWER_SECRET = "ANSWER-SECRET-<script>alert(1)</script>-Núñez"
PASSWORD_SECRET = "PASSWORD-SECRET-hunter2"


@pytest.fixture
def log_lines():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    previous = root.level
    root.setLevel(logging.INFO)
    yield lambda: [line for line in stream.getvalue().splitlines() if line]
    root.removeHandler(handler)
    root.setLevel(previous)


def test_refusals_and_lockouts_are_logged_with_request_ids_and_no_secrets(owner, prep, outsider, log_lines):
    client = BrowserClient(owner)
    question = prep.worksheet.questions.first()
    autosave = reverse("answer_autosave", args=[prep.pk, question.key])
    fetch = {"X-Requested-With": "fetch", "X-CSRFToken": client.csrf_token}
    assert client.post(autosave, {"text": ANSWER_SECRET, "version": 0}, headers=fetch).status_code == 200
    assert (
        client.post(autosave, {"text": ANSWER_SECRET + " again", "version": 0}, headers=fetch).status_code
        == 409
    )
    too_long = ANSWER_SECRET * (settings.ANSWER_MAX_CHARS // len(ANSWER_SECRET) + 1)
    client.post(autosave, {"text": too_long, "version": 1}, headers=fetch)
    stranger = Client()
    stranger.force_login(outsider)
    assert stranger.get(reverse("prep_fill", args=[prep.pk])).status_code == 404
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        Client(REMOTE_ADDR="203.0.113.5").post(
            reverse("login"), {"username": "olivia", "password": PASSWORD_SECRET}
        )
    Client().post(reverse("password_reset"), {"email": "olivia@example.org"})
    token_link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line).strip()
    token_path = token_link.split("://", 1)[-1].split("/", 1)[-1]
    Client().get("/" + token_path.replace("/set-password/", "/x/") + "nope/")

    lines = log_lines()
    entries = [json.loads(line) for line in lines]
    assert all(
        entry["request_id"] not in ("", "-") for entry in entries if entry["logger"] == "prepmeet.requests"
    )
    statuses = {entry.get("status") for entry in entries if entry["logger"] == "prepmeet.requests"}
    assert {409, 404, 429} <= statuses
    assert any("lock" in entry["message"].lower() for entry in entries if entry["logger"].startswith("axes"))
    text = "\n".join(lines)
    assert "ANSWER-SECRET" not in text
    assert PASSWORD_SECRET not in text
    token = token_path.strip("/").split("/")[-1]
    assert token not in text


def test_every_response_carries_its_request_id(client):
    first, second = client.get(reverse("login")), client.get("/no-such-page/")
    assert len(first["X-Request-ID"]) == 32 and first["X-Request-ID"] != second["X-Request-ID"]


def test_an_invitation_token_never_reaches_the_log(client, log_lines):
    """The sharing e-mail's link is a credential: refused requests to it log the path without it."""
    client.post("/invitations/s3cret-token/")  # 405: a refusal, logged with its path
    client.get("/invitations/s3cret-token/")  # 302: moves it to the session
    text = "\n".join(log_lines())
    assert "/invitations/<token>/" in text
    assert "s3cret-token" not in text
