"""The fillable PDF: a multi-line field per question and per roster note, prefilled, each
with its question as tooltip, named with its key and version, tied to its prep by a signed reference; the
notes' look; owner-only; cached like the other PDFs; small enough to e-mail."""

import io
import subprocess

import pytest
from pypdf import PdfReader

from documents.fillable.fields import parse_field_name, read_reference
from testsupport.artifacts import PDF_PAGES
from testsupport.factories import answer_create, stakeholder_create

pytestmark = pytest.mark.django_db

LONG = ("A sentence of about sixty characters, for a very long answer. " * 160)[:10_000]


@pytest.fixture
def filled_prep(prep):
    questions = list(prep.worksheet.questions.all())
    answer_create(
        prep=prep, question=questions[0], text="“Chief” Ortiz, café\nשלום 🚑\n\nLast line", version=3
    )
    answer_create(prep=prep, question=questions[1], text=LONG, version=2)
    stakeholder_create(prep=prep, name="Chief Dana Ortiz", expertise="Patrol data", concerns="Liability")
    return prep


def fields_of(content: bytes) -> dict:
    return PdfReader(io.BytesIO(content)).get_fields()


def test_one_prefilled_multiline_field_per_question_and_roster_note(owner_client, filled_prep):
    response = owner_client.get(f"/preps/{filled_prep.pk}/fillable/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "-fillable.pdf" in response["Content-Disposition"]
    fields = fields_of(response.content)
    person = filled_prep.stakeholders.get()
    names = [name for name in fields if not name.startswith("prepmeet:")]
    assert names == [
        "answer:who-attends:v3",
        "answer:expertise:v2",
        f"person:{person.pk}:expertise:v1",
        "answer:what-matters:v0",
        f"person:{person.pk}:what_matters:v1",
        f"person:{person.pk}:concerns:v1",
        "answer:their-questions:v0",
    ]
    assert fields["answer:who-attends:v3"]["/V"] == "“Chief” Ortiz, café\nשלום 🚑\n\nLast line"
    assert fields["answer:expertise:v2"]["/V"] == LONG
    assert fields[f"person:{person.pk}:concerns:v1"]["/V"] == "Liability"
    for name in names:
        assert fields[name]["/FT"] == "/Tx"
        assert int(fields[name]["/Ff"]) & (1 << 12), "multi-line"
    assert fields["answer:who-attends:v3"]["/TU"] == "Question 1: Who needs to be at the meeting?"
    assert fields[f"person:{person.pk}:concerns:v1"]["/TU"] == "Chief Dana Ortiz: Their likely concerns"


def test_the_reference_field_names_this_prep_and_owner_signed(owner_client, filled_prep):
    content = owner_client.get(f"/preps/{filled_prep.pk}/fillable/pdf/").content
    (reference_name,) = [name for name in fields_of(content) if name.startswith("prepmeet:")]
    reference = read_reference(reference_name)
    assert (reference.prep_id, reference.owner_id) == (filled_prep.pk, filled_prep.owner_id)
    forged = reference_name.replace(reference_name.split(":")[1][:5], "eyJwc")
    assert read_reference(forged[:-2] + "xx") is None


def test_field_names_parse_back():
    assert parse_field_name("answer:who-attends:v3").key == "who-attends"
    assert parse_field_name("person:12:what_matters:v5").person_id == 12
    assert parse_field_name("person:12:name:v5") is None  # not a field the PDF makes
    assert parse_field_name("answer.who-attends.v3") is None


def test_long_text_is_printed_whole_and_the_file_is_small(owner_client, filled_prep):
    content = owner_client.get(f"/preps/{filled_prep.pk}/fillable/pdf/").content
    text = " ".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())
    assert "printed in full here" in text
    assert LONG.split()[-2] in text  # the 10,000-character answer's end is on paper, not only in the field
    assert len(content) < 1_000_000, len(content)
    PDF_PAGES.mkdir(parents=True, exist_ok=True)
    (PDF_PAGES / "fillable.pdf").write_bytes(content)
    pages = ["pdftoppm", "-png", "-r", "60", str(PDF_PAGES / "fillable.pdf"), str(PDF_PAGES / "fillable")]
    subprocess.run(pages, check=True, capture_output=True)


def test_the_fillable_pdf_is_the_owners_only(client, outsider, filled_prep):
    client.force_login(outsider)
    assert client.get(f"/preps/{filled_prep.pk}/fillable/pdf/").status_code == 404


def test_an_unchanged_prep_is_served_from_the_cache(owner_client, filled_prep, private_cache):
    first = owner_client.get(f"/preps/{filled_prep.pk}/fillable/pdf/")
    second = owner_client.get(f"/preps/{filled_prep.pk}/fillable/pdf/")
    assert (first["X-PDF-Cache"], second["X-PDF-Cache"]) == ("miss", "hit")
    again = owner_client.get(f"/preps/{filled_prep.pk}/fillable/pdf/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_the_download_card_offers_it_and_the_import(owner_client, filled_prep):
    page = owner_client.get(f"/preps/{filled_prep.pk}/").content.decode()
    assert f'href="/preps/{filled_prep.pk}/fillable/pdf/"' in page
    assert f'href="/preps/{filled_prep.pk}/import/"' in page
    assert "Import a filled PDF" in page
