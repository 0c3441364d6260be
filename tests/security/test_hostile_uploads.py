"""The import's guarded upload path: every hostile file gets a clear
4xx with its own message, nothing is stored (no answer changed, no import waiting in the session), and the
parsing runs in a child under limits, so even a file that defeats the parser cannot take the worker down."""

import pytest
from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from documents.fillable import guard
from documents.models import PendingImport
from preps.models import Answer
from testsupport import hostile_pdfs
from testsupport.factories import answer_create, prep_create
from testsupport.fillable import field_names, fill_with_pypdf, rename_field

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(prep):
    question = prep.worksheet.questions.first()
    answer_create(prep=prep, question=question, text="Saved text", version=1)
    return prep


@pytest.fixture
def fillable(owner_client, answered) -> bytes:
    return owner_client.get(f"/preps/{answered.pk}/fillable/pdf/").content


def refused(client, prep, content: bytes, *, status: int, says: str, name: str = "filled.pdf"):
    file = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post(f"/preps/{prep.pk}/import/", {"file": file})
    assert response.status_code == status, response.content.decode()[:2000]
    page = response.content.decode()
    assert says in page
    assert "Nothing was changed" in page
    assert Answer.objects.get(prep=prep, question__position=1).text == "Saved text"
    assert not PendingImport.objects.exists()
    return page


def test_not_a_pdf_whatever_its_name(owner_client, answered):
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 200
    refused(owner_client, answered, png, status=415, says="This file is not a PDF")


def test_no_file_chosen(owner_client, answered):
    response = owner_client.post(f"/preps/{answered.pk}/import/", {})
    assert response.status_code == 400
    assert "Choose the filled PDF to import" in response.content.decode()


def test_another_preps_pdf(owner_client, owner, answered):
    other = prep_create(owner=owner, worksheet=answered.worksheet, meeting_title="Another meeting")
    content = owner_client.get(f"/preps/{other.pk}/fillable/pdf/").content
    filled = fill_with_pypdf(content, {"answer:who-attends:v0": "Meant for the other meeting"})
    refused(owner_client, answered, filled, status=422, says="belongs to another of your meeting preps")


def test_another_users_pdf(owner_client, outsider, answered):
    theirs = prep_create(owner=outsider, worksheet=answered.worksheet)
    other_client = Client()
    other_client.force_login(outsider)
    content = other_client.get(f"/preps/{theirs.pk}/fillable/pdf/").content
    refused(owner_client, answered, content, status=422, says="made for another prepmeet account")


@pytest.mark.parametrize("forge", ["signature", "prep id", "removed"])
def test_a_forged_or_missing_reference_is_not_ours(owner_client, answered, fillable, forge):
    name = next(n for n in field_names(fillable) if n.startswith("prepmeet:"))
    token, _, signature = name.removeprefix("prepmeet:").rpartition(":")
    forged = {
        "signature": f"prepmeet:{token}:{signature[:-4]}AAAA",
        "prep id": "prepmeet:"
        + signing.Signer(salt="another").sign_object({"prep": answered.pk, "owner": 1}),
        "removed": "some-viewer-field",
    }[forge]
    content = rename_field(fillable, name, forged)
    refused(owner_client, answered, content, status=422, says="not made by prepmeet")


def test_a_pdf_with_no_fields(owner_client, answered):
    refused(owner_client, answered, hostile_pdfs.no_fields_pdf(), status=422, says="has no form fields")


def test_the_notes_pdf_has_no_fields(owner_client, answered):
    notes = owner_client.get(f"/preps/{answered.pk}/pdf/").content
    refused(owner_client, answered, notes, status=422, says="has no form fields")


def test_an_encrypted_pdf(owner_client, answered, fillable):
    refused(
        owner_client, answered, hostile_pdfs.encrypted(fillable), status=422, says="protected with a password"
    )


def test_a_damaged_pdf(owner_client, answered, fillable):
    refused(owner_client, answered, hostile_pdfs.damaged(fillable), status=422, says="damaged")


def test_a_truncated_pdf(owner_client, answered, fillable):
    response = refused(owner_client, answered, fillable[: len(fillable) // 3], status=422, says="")
    assert "damaged" in response or "no form fields" in response


def test_a_compression_bomb(owner_client, answered, fillable):
    bomb = hostile_pdfs.compression_bomb(fillable, "answer:who-attends:v1")
    assert len(bomb) < settings.FILE_UPLOAD_MAX_BYTES
    refused(owner_client, answered, bomb, status=422, says="expands without end")


def test_a_deeply_nested_value(owner_client, answered):
    refused(owner_client, answered, hostile_pdfs.deeply_nested_value(), status=422, says="nested too deeply")


def test_a_deeply_nested_field_tree(owner_client, answered):
    refused(owner_client, answered, hostile_pdfs.deeply_nested_fields(), status=422, says="nested too deeply")


def test_a_file_over_the_limit_is_refused_while_it_streams(owner_client, answered, fillable):
    big = fillable + b"%" + b"x" * (settings.FILE_UPLOAD_MAX_BYTES + 10_000)
    assert len(big) < settings.REQUEST_BODY_MAX_BYTES  # past the file limit, under the body limit
    refused(owner_client, answered, big, status=413, says="larger than the 2.5 MB")


def test_a_body_declared_over_the_limit_is_refused_unread(owner_client, answered, fillable):
    big = fillable + b"x" * settings.REQUEST_BODY_MAX_BYTES
    file = SimpleUploadedFile("big.pdf", big, content_type="application/pdf")
    response = owner_client.post(f"/preps/{answered.pk}/import/", {"file": file})
    assert response.status_code == 413
    assert Answer.objects.get(prep=answered, question__position=1).text == "Saved text"


def spin(data: bytes) -> bytes:
    while True:
        pass


def test_parsing_past_its_cpu_limit_ends_the_child_not_the_worker(
    owner_client, answered, fillable, settings, monkeypatch
):
    settings.PDF_RENDER_CPU_SECONDS, settings.PDF_RENDER_WALL_SECONDS = 1, 4
    monkeypatch.setattr(guard, "read_fields", spin)  # a parser that never ends, as a hostile file could make
    refused(owner_client, answered, fillable, status=422, says="took longer or more memory")
    assert owner_client.get(f"/preps/{answered.pk}/").status_code == 200  # the same worker still answers
