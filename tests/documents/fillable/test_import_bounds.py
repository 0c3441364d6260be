"""What an import keeps between the upload and the confirmation is bounded (issue 24 point 2).

Before: every field the file named was kept in the session, each with its whole value, so N fields that all
point at one 200,000-character stream made a 156 KB file into a 10 MB session (N=50), read and written on
every later request. Now only the file's prepmeet fields are read, at most IMPORT_MAX_CHARS characters of
them in all (a 422 past that); only the prep's own questions and people whose text differs are kept, the
first per field; and they are kept in a row per user and prep (documents.models.PendingImport), not the
session, deleted on confirm, cancel, expiry or with the prep.
"""

import json
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from documents.fillable.fields import reference_field_name
from documents.models import PendingImport
from preps.models import Answer, Stakeholder
from preps.services import prep_delete
from testsupport.factories import answer_create, share_create, stakeholder_create, user_create
from testsupport.hostile_pdfs import shared_stream_fields, shared_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_cache")]


def upload(client, prep, content: bytes):
    file = SimpleUploadedFile("filled.pdf", content, content_type="application/pdf")
    return client.post(reverse("prep_import", args=[prep.pk]), {"file": file})


def session_chars(client) -> int:
    """The session as every later request decodes it (stored compressed, so the stored size says little)."""
    return len(json.dumps(Session.objects.get(session_key=client.session.session_key).get_decoded()))


@pytest.fixture
def signed_in(owner) -> Client:
    client = Client()
    client.force_login(owner)
    client.get(reverse("dashboard"))  # the session as a browser has it before the upload
    return client


def test_fifty_fields_sharing_one_stream_are_refused_and_the_session_stays_small(signed_in, prep):
    names = [f"person:9000{n:02d}:concerns:v1" for n in range(50)]
    content = shared_stream_fields(reference_field_name(prep), names)
    assert len(content) < 200_000  # the file is small; its fields read as 10 million characters
    before = session_chars(signed_in)
    response = upload(signed_in, prep, content)
    assert response.status_code == 422
    assert "more text than one import may bring (1,500,000 characters in all)" in response.text
    assert session_chars(signed_in) < before + 1_000
    assert not PendingImport.objects.exists()


def test_only_the_preps_own_changed_fields_are_kept_in_a_row_not_the_session(signed_in, prep):
    text = shared_text(1_500)
    answer_create(prep=prep, question=1, text=text, version=1)
    ana = stakeholder_create(prep=prep, name="Ana Ruiz", concerns="Response times")
    ben = stakeholder_create(prep=prep, name="Ben Cho")
    names = [
        f"person:{ana.pk}:concerns:v{ana.version}",
        f"person:{ana.pk}:concerns:v99",  # the same field again: the first one counts
        f"person:{ben.pk}:what_matters:v{ben.version}",
        "answer:who-attends:v1",  # as saved: nothing to keep
        *[f"person:9000{n:02d}:concerns:v1" for n in range(40)],  # not on this roster
    ]
    response = upload(signed_in, prep, shared_stream_fields(reference_field_name(prep), names, 1_500))
    assert response.status_code == 302
    pending = PendingImport.objects.get(prep=prep)
    assert sorted(item_id for item_id, _, _ in pending.values) == [
        f"person:{ana.pk}:concerns",
        f"person:{ben.pk}:what_matters",
    ]
    assert (pending.unchanged, pending.unmatched) == (1, 40)
    assert session_chars(signed_in) < 1_000
    assert "chief" not in json.dumps(Session.objects.get().get_decoded())

    page = signed_in.get(reverse("prep_import_preview", args=[prep.pk])).text
    assert "2 fields differ from the site" in page and "1 field in the file is the same" in page
    assert "40 fields in the file belong to people or questions no longer on this meeting prep" in page
    picks = {"pick": [f"person-{ana.pk}-concerns", f"person-{ben.pk}-what_matters"]}
    versions = {
        f"version-person-{person.pk}-{field}": person.version
        for person, field in ((ana, "concerns"), (ben, "what_matters"))
    }
    assert (
        signed_in.post(reverse("prep_import_preview", args=[prep.pk]), {**picks, **versions}).status_code
        == 302
    )
    assert Stakeholder.objects.get(pk=ana.pk).concerns == text
    assert not PendingImport.objects.exists()


def test_a_pending_import_is_its_users_own_and_expires(signed_in, owner, prep, worksheet):
    ana = stakeholder_create(prep=prep, name="Ana Ruiz")
    content = shared_stream_fields(
        reference_field_name(prep), [f"person:{ana.pk}:concerns:v{ana.version}"], 100
    )
    assert upload(signed_in, prep, content).status_code == 302
    editor = user_create("eddie", email_verified=True)
    share_create(prep=prep, user=editor, role="editor")
    colleague = Client()
    colleague.force_login(editor)
    response = colleague.get(reverse("prep_import_preview", args=[prep.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("prep_import", args=[prep.pk])

    PendingImport.objects.update(created_at=timezone.now() - timedelta(hours=25))
    response = signed_in.get(reverse("prep_import_preview", args=[prep.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("prep_import", args=[prep.pk])
    assert upload(colleague, prep, content).status_code == 302  # a new upload clears expired rows
    assert list(PendingImport.objects.values_list("user", flat=True)) == [editor.pk]


def test_cancel_and_deleting_the_prep_leave_nothing(signed_in, owner, prep):
    ana = stakeholder_create(prep=prep, name="Ana Ruiz")
    content = shared_stream_fields(
        reference_field_name(prep), [f"person:{ana.pk}:concerns:v{ana.version}"], 100
    )
    upload(signed_in, prep, content)
    signed_in.post(reverse("prep_import_preview", args=[prep.pk]), {"cancel": "1"})
    assert not PendingImport.objects.exists()
    upload(signed_in, prep, content)
    prep_delete(prep=prep)
    assert not PendingImport.objects.exists() and not Answer.objects.exists()
