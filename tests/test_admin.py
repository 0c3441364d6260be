"""Admins edit the content; what they save shows on the next page view and PDF."""

import io

import pypdf
import pytest
from django.urls import reverse

from worksheets.models import FAQEntry, Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:worksheets_worksheet_changelist",
        "admin:worksheets_question_changelist",
        "admin:worksheets_tipgroup_changelist",
        "admin:worksheets_faqentry_changelist",
    ],
)
def test_content_lists_open(admin_client, worksheet, url_name):
    assert admin_client.get(reverse(url_name)).status_code == 200


def test_worksheet_page_has_inline_questions_and_preview_link(admin_client, worksheet):
    response = admin_client.get(reverse("admin:worksheets_worksheet_change", args=[worksheet.pk]))
    assert response.status_code == 200
    assert "Who needs to be at the meeting?" in response.text
    assert reverse("admin:worksheets_worksheet_blank_pdf", args=[worksheet.pk]) in response.text


def test_blank_pdf_preview_for_staff_only(admin_client, client, owner, worksheet):
    url = reverse("admin:worksheets_worksheet_blank_pdf", args=[worksheet.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    assert "Who needs to be at the meeting?" in text
    client.force_login(owner)
    assert client.get(url).status_code == 302  # to the admin login


def test_editing_an_example_in_the_admin_shows_on_page_and_pdf(admin_client, worksheet, prep, owner, client):
    question = worksheet.questions.get(position=1)
    url = reverse("admin:worksheets_question_change", args=[question.pk])
    response = admin_client.post(
        url,
        {
            "worksheet": worksheet.pk,
            "key": question.key,
            "position": 1,
            "prompt": question.prompt,
            "example": "Carmen also invites the transit authority.",
            "answer_label": "My answers",
        },
    )
    assert response.status_code == 302, response.text[:2000]
    assert Question.objects.get(pk=question.pk).example == "Carmen also invites the transit authority."

    client.force_login(owner)
    assert "Carmen also invites the transit authority." in client.get(prep.get_absolute_url()).text
    pdf = client.get(reverse("prep_pdf", args=[prep.pk]))
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Carmen also invites the transit authority." in " ".join(text.split())


def test_unpublishing_an_faq_entry_in_the_list(admin_client, worksheet):
    entry = worksheet.faq_entries.get(position=8)
    data = {"form-TOTAL_FORMS": 8, "form-INITIAL_FORMS": 8, "_save": "Save"}
    for index, faq in enumerate(FAQEntry.objects.order_by("worksheet", "position")):
        data[f"form-{index}-id"] = faq.pk
        data[f"form-{index}-position"] = faq.position
        if faq.pk != entry.pk:
            data[f"form-{index}-is_published"] = "on"
    response = admin_client.post(reverse("admin:worksheets_faqentry_changelist"), data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert not entry.is_published
    assert "Where can I learn more?" not in admin_client.get(reverse("faq")).text
