"""Deleting a meeting prep or an account deletes what the caches and the sessions hold of it, at once: the
PDFs and Word files rendered of it (on download or in the background), a roster person removed from it and
waiting to be undone, and every session of the deleted account (each engine the settings can choose)."""

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from documents.docx.cache import docx_cache_key
from documents.pdf.cache import pdf_cache_key
from documents.prerender import prerender_job
from documents.sources import PDFSource
from preps.models import RowRemoval
from testsupport.clients import BrowserClient
from testsupport.factories import PASSWORD, answer_create, prep_create, stakeholder_create

pytestmark = pytest.mark.django_db(transaction=True)  # the purges run when the deletion commits

SECRET = "Chief Ruiz feels left out"
SESSION_ENGINES = ["django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"]


@pytest.fixture
def fake_render(monkeypatch, private_cache):
    monkeypatch.setattr(PDFSource, "render", lambda source: f"%PDF-1.7 {SECRET} {source.digest}".encode())


@pytest.fixture
def secret_prep(prep):
    answer_create(prep=prep, question=prep.worksheet.questions.get(position=1), text=SECRET)
    return prep


def etag(response) -> str:
    assert response.status_code == 200, response
    return response["ETag"].strip('"')


def cached_documents(client, prep) -> list[str]:
    """Download the prep's documents; the cache keys they are stored under."""
    pdf, brief = (reverse(name, args=[prep.pk]) for name in ("prep_pdf", "prep_brief_pdf"))
    keys = [pdf_cache_key(etag(client.get(url))) for url in (pdf, pdf + "?examples=0", brief)]
    keys.append(docx_cache_key(etag(client.get(reverse("prep_docx", args=[prep.pk])))))
    assert all(cache.get(key) is not None for key in keys)
    return keys


def delete_account(client) -> None:
    response = client.post(
        reverse("account_delete"), {"password": PASSWORD}, headers={"X-CSRFToken": client.csrf_token}
    )
    assert response.status_code == 302


def test_deleting_a_prep_deletes_its_cached_pdfs_and_word_files(owner_client, secret_prep, fake_render):
    other = prep_create(owner=secret_prep.owner, meeting_title="Another meeting")
    kept = cached_documents(owner_client, other)
    keys = cached_documents(owner_client, secret_prep)

    assert owner_client.post(reverse("prep_delete", args=[secret_prep.pk])).status_code == 302

    assert [key for key in keys if cache.get(key) is not None] == []
    assert all(cache.get(key) is not None for key in kept)  # another prep's files stay


def test_deleting_a_prep_deletes_its_background_renders(secret_prep, fake_render, owner_client):
    assert prerender_job(secret_prep.pk, "notes") == "rendered"
    assert prerender_job(secret_prep.pk, "brief") == "rendered"
    notes = etag(owner_client.get(reverse("prep_pdf", args=[secret_prep.pk])))
    brief = etag(owner_client.get(reverse("prep_brief_pdf", args=[secret_prep.pk])))
    assert cache.get(pdf_cache_key(notes)) is not None and cache.get(pdf_cache_key(brief)) is not None

    owner_client.post(reverse("prep_delete", args=[secret_prep.pk]))

    assert cache.get(pdf_cache_key(notes)) is None and cache.get(pdf_cache_key(brief)) is None


def test_a_background_render_that_ends_after_the_deletion_leaves_nothing(
    secret_prep, private_cache, monkeypatch
):
    rendered = []

    def render_while_the_prep_is_deleted(source):
        secret_prep.delete()  # the director deletes the prep while its PDF renders
        rendered.append(source.digest)
        return f"%PDF-1.7 {SECRET}".encode()

    monkeypatch.setattr(PDFSource, "render", render_while_the_prep_is_deleted)
    assert prerender_job(secret_prep.pk, "notes") == "gone"
    assert rendered and cache.get(pdf_cache_key(rendered[0])) is None


def test_deleting_the_account_deletes_the_cached_files_of_every_prep(owner, secret_prep, fake_render):
    client = BrowserClient(owner)
    second = prep_create(owner=owner, meeting_title="Second meeting")
    keys = cached_documents(client, secret_prep) + cached_documents(client, second)

    delete_account(client)

    assert [key for key in keys if cache.get(key) is not None] == []


def session_texts(engine: str) -> str:
    """Everything the stored sessions hold (the database's, and the cache's copies with cached_db)."""
    from importlib import import_module

    store = import_module(engine).SessionStore
    texts = []
    for session in Session.objects.all():
        texts.append(repr(session.get_decoded()))
        if engine.endswith("cached_db"):
            texts.append(repr(cache.get(store.cache_key_prefix + session.session_key)))
    return "\n".join(texts)


@pytest.mark.parametrize("engine", SESSION_ENGINES)
def test_a_removed_person_waiting_for_undo_goes_with_the_prep(settings, private_cache, owner, prep, engine):
    settings.SESSION_ENGINE = engine
    person = stakeholder_create(prep=prep, name="Chief Ruiz", concerns=SECRET)
    client = Client()
    client.force_login(owner)
    client.post(reverse("stakeholder_remove", args=[prep.pk, person.pk]))
    fill_page = client.get(reverse("prep_fill", args=[prep.pk])).content.decode()
    assert "Removed “<bdi>Chief Ruiz</bdi>”" in fill_page  # Undo is offered

    client.post(reverse("prep_delete", args=[prep.pk]))

    assert SECRET not in session_texts(engine)
    assert not RowRemoval.objects.exists()


@pytest.mark.parametrize("engine", SESSION_ENGINES)
def test_deleting_the_account_deletes_every_session_of_it(settings, private_cache, owner, outsider, engine):
    settings.SESSION_ENGINE = engine
    here, elsewhere, someone_else = BrowserClient(owner), Client(), Client()
    elsewhere.force_login(owner)
    someone_else.force_login(outsider)
    store = elsewhere.session
    store["unfinished-import"] = SECRET  # what another browser of hers may hold
    store.save()

    delete_account(here)

    assert SECRET not in session_texts(engine)
    assert not store.exists(store.session_key)
    assert list(Session.objects.values_list("session_key", flat=True)) == [someone_else.session.session_key]
