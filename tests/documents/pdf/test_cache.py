"""The PDF cache: an unchanged PDF is rendered once, any change to what goes into it renders a new one, and a
browser that already has the PDF gets a 304."""

import datetime
import threading

import pytest
from django.core.cache import cache
from django.urls import reverse

from documents.pdf.cache import static_fingerprint
from documents.sources import PDFSource, prep_pdf_source
from preps.models import Answer
from testsupport.factories import answer_create
from worksheets.models import FAQEntry, Tip

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch, private_cache):
    """Count the renders; each one returns PDF-like bytes naming its digest (no WeasyPrint: fast)."""
    calls = []

    def render(source):
        calls.append(source.digest)
        return b"%PDF-1.7 " + source.digest.encode()

    monkeypatch.setattr(PDFSource, "render", render)
    return calls


@pytest.fixture
def answered(prep):
    prep.meeting_date = datetime.date(2026, 12, 3)
    prep.save()
    question = prep.worksheet.questions.get(position=1)
    answer_create(prep=prep, question=question, text="Dana Whitfield, 911 director")
    return prep


def pdf_url(prep, **params):
    return reverse("prep_pdf", args=[prep.pk]) + ("?" + "&".join(f"{k}={v}" for k, v in params.items()))


def test_an_unchanged_pdf_is_rendered_once_then_served_from_the_cache(owner_client, answered, renders):
    first = owner_client.get(pdf_url(answered))
    second = owner_client.get(pdf_url(answered))

    assert len(renders) == 1
    assert (first["X-PDF-Cache"], second["X-PDF-Cache"]) == ("miss", "hit")
    assert first.content == second.content
    assert first["ETag"] == second["ETag"] == f'"{renders[0]}"'
    for response in (first, second):
        assert response["Cache-Control"] == "private, no-cache"
        assert response["Content-Disposition"].startswith('attachment; filename="meeting-prep-first-public')


def test_a_browser_with_the_pdf_gets_a_304_without_a_render(owner_client, answered, renders):
    etag = owner_client.get(pdf_url(answered))["ETag"]

    response = owner_client.get(pdf_url(answered), headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "private, no-cache"
    assert len(renders) == 1

    cache.clear()  # the 304 needs only the digest, not the cached bytes
    assert owner_client.get(pdf_url(answered), headers={"If-None-Match": f'W/"x", {etag}'}).status_code == 304
    assert len(renders) == 1


def test_a_stale_etag_gets_the_new_pdf(owner_client, answered, renders):
    etag = owner_client.get(pdf_url(answered))["ETag"]
    Answer.objects.filter(prep=answered).update(text="Dana Whitfield and Chief Núñez")

    response = owner_client.get(pdf_url(answered), headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert len(renders) == 2


def test_an_outsider_with_the_etag_gets_404(client, outsider, owner_client, answered, renders):
    etag = owner_client.get(pdf_url(answered))["ETag"]
    client.force_login(outsider)
    assert client.get(pdf_url(answered), headers={"If-None-Match": etag}).status_code == 404


def digest(prep, examples=True, extras=True):
    prep.refresh_from_db()
    prep.owner.refresh_from_db()
    return prep_pdf_source(prep, include_examples=examples, include_extras=extras).digest


def edit_answer(prep):
    Answer.objects.filter(prep=prep).update(text="Dana Whitfield, 911 director, and her deputy")


def edit_meeting(prep):
    prep.meeting_date = datetime.date(2026, 12, 4)
    prep.save()


def edit_owner_name(prep):
    prep.owner.first_name = "Olivia"
    prep.owner.save()


def edit_question(prep):
    prep.worksheet.questions.filter(position=2).update(prompt="Who else should be in the room?")


def edit_example(prep):
    prep.worksheet.questions.filter(position=3).update(example="Carmen asks the 911 director first.")


def edit_tip(prep):
    Tip.objects.filter(group__worksheet=prep.worksheet).filter(position=1).update(text="Bring coffee.")


def edit_faq_answer(prep):
    prep.worksheet.faq_entries.filter(position=1).update(answer="Yes, with a protocol.")


def unpublish_faq_entry(prep):
    prep.worksheet.faq_entries.filter(position=2).update(is_published=False)


def add_faq_entry(prep):
    FAQEntry.objects.create(worksheet=prep.worksheet, position=99, question="New?", answer="New.")


def edit_credit(prep):
    worksheet = prep.worksheet
    worksheet.credit = worksheet.credit + "\n\nUpdated 2027."
    worksheet.save()


@pytest.mark.parametrize(
    "edit",
    [
        edit_answer,
        edit_meeting,
        edit_owner_name,
        edit_question,
        edit_example,
        edit_tip,
        edit_faq_answer,
        unpublish_faq_entry,
        add_faq_entry,
        edit_credit,
    ],
)
def test_any_edit_to_what_goes_into_the_pdf_changes_its_key(answered, edit):
    before = digest(answered)
    assert digest(answered) == before  # nothing changed, same key
    edit(answered)
    assert digest(answered) != before


def test_the_options_change_the_key(answered):
    keys = {digest(answered, examples, extras) for examples in (True, False) for extras in (True, False)}
    assert len(keys) == 4


def test_the_static_files_the_renderer_reads_change_the_key(tmp_path):
    (tmp_path / "pdf").mkdir()
    css = tmp_path / "pdf" / "worksheet.css"
    css.write_text("body { color: black; }")
    before = static_fingerprint(tmp_path)
    assert static_fingerprint(tmp_path) == before

    css.write_text("body { color: navy;  }")  # same size: the content is hashed, not just the size
    assert static_fingerprint(tmp_path) != before

    (tmp_path / "pdf" / "Font.ttf").write_bytes(b"\0" * 10)
    assert len({before, static_fingerprint(tmp_path)}) == 2


def test_only_the_pdfs_own_static_files_change_the_key(answered, settings, tmp_path):
    """The renderer reads static/pdf/ alone: a page's CSS or script edited leaves every cached PDF valid."""
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "pdf").mkdir()
    site_css, pdf_css = static / "css" / "site.css", static / "pdf" / "worksheet.css"
    site_css.write_text("body { color: black; }")
    pdf_css.write_text("body { color: black; }")
    settings.PROJECT_STATIC_DIR, settings.PDF_STATIC_DIR = static, static / "pdf"
    before = digest(answered)

    site_css.write_text("body { color: navy;  }")
    (static / "js").mkdir()
    (static / "js" / "autosave.js").write_text("// a page script")
    assert digest(answered) == before

    pdf_css.write_text("body { color: navy;  }")
    assert digest(answered) != before


def test_the_blank_preview_is_cached_too(client, staff, worksheet, renders):
    client.force_login(staff)
    url = reverse("admin:worksheets_worksheet_blank_pdf", args=[worksheet.pk])
    first, second = client.get(url), client.get(url)
    assert (first["X-PDF-Cache"], second["X-PDF-Cache"], len(renders)) == ("miss", "hit", 1)
    assert first["Content-Disposition"].startswith("inline;")


def test_a_real_render_is_cached_byte_for_byte(owner_client, answered, private_cache):
    first = owner_client.get(pdf_url(answered))
    second = owner_client.get(pdf_url(answered))
    assert first.content.startswith(b"%PDF-") and first.content == second.content
    assert second["X-PDF-Cache"] == "hit"


# --- The renderer's font configuration, kept between renders ------------------------------------------------


def test_the_font_configuration_is_kept_between_renders_until_a_static_file_changes(monkeypatch):
    from documents.pdf import render

    first = render.font_config()
    assert render.font_config() is first

    elsewhere = []
    thread = threading.Thread(target=lambda: elsewhere.append(render.font_config()))
    thread.start()
    thread.join()
    assert elsewhere[0] is not first  # one per thread: Pango's font maps are not thread-safe

    monkeypatch.setattr(render, "static_fingerprint", lambda: "a file under static/ changed")
    assert render.font_config() is not first
