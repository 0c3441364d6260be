"""Importing a filled fillable PDF: the preview shows old and new text with the
changes marked and saves nothing; she picks; an answer changed online since the file was made needs her
choice (keep mine / use the saved text / merge); the text comes back exactly, filled with pypdf or pikepdf."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import PendingImport
from preps.models import Answer, Stakeholder
from preps.services import answer_save
from testsupport.factories import answer_create, stakeholder_create
from testsupport.fillable import field_named, fill_with_pikepdf, fill_with_pypdf

pytestmark = pytest.mark.django_db

HARD_TEXTS = {
    "quotes and accents": "“Curly” ‘quotes’ — café, naïve, Zürich, São Paulo",
    "right to left": "שלום עולם and مرحبا بالعالم, mixed",
    "emoji": "Responders 🚑🚒 and a family 👩‍👩‍👧 ✔",
    "line breaks": "First line\nSecond line\n\n- a bullet\n- another\n\nLast",
    "10,000 characters": ("Ten thousand characters of one answer, with words. " * 200)[:10_000],
}


@pytest.fixture
def questions(prep):
    return list(prep.worksheet.questions.all())


def download(client, prep) -> bytes:
    response = client.get(f"/preps/{prep.pk}/fillable/pdf/")
    assert response.status_code == 200
    return response.content


def upload(client, prep, content: bytes, name: str = "filled.pdf"):
    file = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(f"/preps/{prep.pk}/import/", {"file": file})


def preview(client, prep):
    return client.get(f"/preps/{prep.pk}/import/preview/")


@pytest.mark.parametrize("fill", [fill_with_pypdf, fill_with_pikepdf], ids=["pypdf", "pikepdf"])
@pytest.mark.parametrize("case", list(HARD_TEXTS))
def test_round_trip_finds_the_text_exactly(owner_client, prep, questions, fill, case):
    answer_create(prep=prep, question=questions[0], text="Before", version=1)
    person = stakeholder_create(prep=prep, name="Chief Dana Ortiz", concerns="Old concern")
    content = download(owner_client, prep)
    text = HARD_TEXTS[case]
    filled = fill(
        content,
        {
            field_named(content, "answer:who-attends:"): text,
            field_named(content, f"person:{person.pk}:concerns:"): text[:2000],
        },
    )
    assert upload(owner_client, prep, filled).status_code == 302
    assert Answer.objects.get(prep=prep, question=questions[0]).text == "Before", "nothing stored before"
    page = preview(owner_client, prep)
    assert page.status_code == 200
    response = owner_client.post(
        f"/preps/{prep.pk}/import/preview/",
        {
            "pick": ["answer-who-attends", f"person-{person.pk}-concerns"],
            "version-answer-who-attends": 1,
            f"version-person-{person.pk}-concerns": 1,
        },
    )
    assert response.status_code == 302
    assert Answer.objects.get(prep=prep, question=questions[0]).text == text
    assert Stakeholder.objects.get(pk=person.pk).concerns == text[:2000]


def test_preview_marks_the_changes_and_saves_nothing(owner_client, prep, questions):
    answer_create(prep=prep, question=questions[0], text="Invite the chief and the 911 director", version=1)
    content = download(owner_client, prep)
    filled = fill_with_pypdf(
        content, {"answer:who-attends:v1": "Invite the deputy chief and the 911 director"}
    )
    upload(owner_client, prep, filled)
    page = preview(owner_client, prep).content.decode()
    assert "<del>chief</del>" not in page  # "chief" is kept; the change is one added word
    assert "<ins>deputy </ins>" in page
    assert "Saved on the site now" in page and "In the PDF" in page
    assert 'name="pick" value="answer-who-attends"' in page
    assert "1 field in the file is" not in page
    assert (
        Answer.objects.get(prep=prep, question=questions[0]).text == "Invite the chief and the 911 director"
    )


def test_unpicked_changes_are_not_imported(owner_client, prep, questions):
    answer_create(prep=prep, question=questions[0], text="Kept", version=1)
    content = download(owner_client, prep)
    upload(owner_client, prep, fill_with_pypdf(content, {"answer:who-attends:v1": "Not wanted"}))
    owner_client.post(f"/preps/{prep.pk}/import/preview/", {"version-answer-who-attends": 1})
    assert Answer.objects.get(prep=prep, question=questions[0]).text == "Kept"
    assert not PendingImport.objects.filter(prep=prep).exists()


def conflict_setup(owner_client, prep, questions):
    answer_create(prep=prep, question=questions[0], text="As downloaded", version=1)
    content = download(owner_client, prep)
    answer_save(prep=prep, question=questions[0], text="Changed online", base_version=1)
    upload(owner_client, prep, fill_with_pypdf(content, {"answer:who-attends:v1": "Changed offline"}))
    return preview(owner_client, prep).content.decode()


def post_choice(owner_client, prep, **data):
    return owner_client.post(f"/preps/{prep.pk}/import/preview/", {"version-answer-who-attends": 2, **data})


def test_a_conflict_needs_a_choice_and_nothing_is_overwritten_without_one(owner_client, prep, questions):
    page = conflict_setup(owner_client, prep, questions)
    assert "changed on the site after the PDF was made" in page
    for choice in ("mine", "saved", "merge"):
        assert f'name="choice-answer-who-attends" value="{choice}"' in page
    assert 'name="pick" value="answer-who-attends"' not in page
    response = post_choice(owner_client, prep, pick="answer-who-attends")
    assert response.status_code == 400
    assert "Choose which text to keep" in response.content.decode()
    assert Answer.objects.get(prep=prep, question=questions[0]).text == "Changed online"


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("mine", "Changed offline"),
        ("saved", "Changed online"),
        ("merge", "Changed online\n\nChanged offline!"),
    ],
)
def test_the_conflict_choice_is_what_is_saved(owner_client, prep, questions, choice, expected):
    page = conflict_setup(owner_client, prep, questions)
    assert "Changed online\n\nChanged offline</textarea>" in page
    post_choice(
        owner_client,
        prep,
        **{
            "choice-answer-who-attends": choice,
            "merged-answer-who-attends": "Changed online\n\nChanged offline!",
        },
    )
    assert Answer.objects.get(prep=prep, question=questions[0]).text == expected


def test_a_change_online_between_preview_and_confirmation_is_not_overwritten(owner_client, prep, questions):
    answer_create(prep=prep, question=questions[0], text="As downloaded", version=1)
    content = download(owner_client, prep)
    upload(owner_client, prep, fill_with_pypdf(content, {"answer:who-attends:v1": "From the PDF"}))
    preview(owner_client, prep)
    answer_save(prep=prep, question=questions[0], text="Typed meanwhile", base_version=1)
    response = owner_client.post(
        f"/preps/{prep.pk}/import/preview/", {"pick": "answer-who-attends", "version-answer-who-attends": 1}
    )
    assert response.status_code == 400  # now a conflict: she must choose
    assert Answer.objects.get(prep=prep, question=questions[0]).text == "Typed meanwhile"


def test_two_fields_of_one_person_import_together(owner_client, prep):
    person = stakeholder_create(prep=prep, name="Sam Lee")
    content = download(owner_client, prep)
    filled = fill_with_pikepdf(
        content,
        {f"person:{person.pk}:what_matters:v1": "Call data", f"person:{person.pk}:concerns:v1": "Staff"},
    )
    upload(owner_client, prep, filled)
    owner_client.post(
        f"/preps/{prep.pk}/import/preview/",
        {
            "pick": [f"person-{person.pk}-what_matters", f"person-{person.pk}-concerns"],
            f"version-person-{person.pk}-what_matters": 1,
            f"version-person-{person.pk}-concerns": 1,
        },
    )
    person.refresh_from_db()
    assert (person.what_matters, person.concerns, person.version) == ("Call data", "Staff", 2)


def test_an_unchanged_file_says_so(owner_client, prep, questions):
    answer_create(prep=prep, question=questions[0], text="Same", version=1)
    upload(owner_client, prep, download(owner_client, prep))
    page = preview(owner_client, prep).content.decode()
    assert "The file holds no changes" in page


def test_preview_without_an_upload_goes_to_the_upload_page(owner_client, prep):
    response = preview(owner_client, prep)
    assert response.status_code == 302 and response["Location"] == f"/preps/{prep.pk}/import/"


def test_the_import_pages_are_the_owners_only(client, outsider, prep):
    client.force_login(outsider)
    assert client.get(f"/preps/{prep.pk}/import/").status_code == 404
    assert client.get(f"/preps/{prep.pk}/import/preview/").status_code == 404
