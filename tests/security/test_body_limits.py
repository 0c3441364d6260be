"""Every request body, multipart file parts included, is limited before it is read.

``core.limits.request_body_limit`` answers 413 with a message to a body declared over REQUEST_BODY_MAX_BYTES
without reading it; ``BoundedUploadHandler`` stops file parts past FILE_UPLOAD_MAX_BYTES while they stream.
"""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import BOUNDARY, encode_multipart
from django.urls import reverse

from core.limits import BoundedUploadHandler

HUNDRED_MB = 100_000_000


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def declared_post(client, url, *, length, **extra):
    """A POST whose headers declare ``length`` bytes of multipart body; the body itself must never be read."""
    environ = {
        "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
        "CONTENT_LENGTH": str(length),
        "wsgi.input": UnreadableBody(),
        **extra,
    }
    return client.generic("POST", url, b"", **environ)


@pytest.mark.django_db
def test_an_anonymous_login_with_a_100_mb_file_part_is_refused_unread():
    response = declared_post(Client(), reverse("login"), length=HUNDRED_MB)
    assert response.status_code == 413
    assert "too large to send" in response.text
    assert "the limit is" in response.text


@pytest.mark.django_db
def test_an_autosave_with_a_100_mb_file_part_is_refused_unread_as_json(owner_client, prep):
    question = prep.worksheet.questions.first()
    url = reverse("answer_autosave", args=[prep.pk, question.key])
    response = declared_post(owner_client, url, length=HUNDRED_MB, HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 413
    assert response.json()["status"] == "invalid"
    assert "too large to send" in response.json()["message"]


@pytest.mark.django_db
def test_a_real_multipart_file_part_over_the_limit_is_refused(owner_client, prep):
    question = prep.worksheet.questions.first()
    url = reverse("answer_autosave", args=[prep.pk, question.key])
    big = SimpleUploadedFile("big.bin", b"x" * (settings.REQUEST_BODY_MAX_BYTES + 1))
    response = owner_client.post(
        url, {"text": "hello", "version": 0, "file": big}, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert response.status_code == 413
    assert not prep.answers.exists()


@pytest.mark.django_db
def test_a_body_within_the_limit_is_still_served(owner_client, prep):
    question = prep.worksheet.questions.first()
    url = reverse("answer_autosave", args=[prep.pk, question.key])
    response = owner_client.post(url, {"text": "x" * 40_000, "version": 0}, HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 200


def test_the_upload_handler_stops_file_parts_past_their_limit(settings, rf):
    settings.FILE_UPLOAD_MAX_BYTES = 1000
    body = encode_multipart(BOUNDARY, {"file": SimpleUploadedFile("a.bin", b"y" * 5000)})
    request = rf.post("/", body, content_type=f"multipart/form-data; boundary={BOUNDARY}")
    request.upload_handlers = [BoundedUploadHandler(request)]
    assert "file" not in request.FILES  # the upload stopped: nothing of it was kept
    assert request.upload_handlers[0].received > 1000


def test_the_limits_are_settings_in_the_handlers():
    assert settings.FILE_UPLOAD_HANDLERS[0] == "core.limits.BoundedUploadHandler"
    assert settings.REQUEST_BODY_MAX_BYTES > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert "core.limits.request_body_limit" in settings.MIDDLEWARE
