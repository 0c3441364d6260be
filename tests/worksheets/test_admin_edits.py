"""Admins edit the content; what they save shows on the next page view and PDF."""

import io
from pathlib import Path

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


# --- Issue 11, point 10: the admin's own accessibility ------------------------------------------------------


def inputs_without_a_name(html: str) -> list[str]:
    """Visible form controls with neither a <label for> nor an aria-label."""
    import re

    labelled = set(re.findall(r'<label[^>]*\bfor="([^"]+)"', html))
    missing = []
    for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", html):
        # The change list's action menu sits inside its <label> (a name by nesting).
        if re.search(r'type="(hidden|submit|button)"|name="action"', tag) or "aria-label=" in tag:
            continue
        control_id = re.search(r'\bid="([^"]+)"', tag)
        if not control_id or control_id.group(1) not in labelled:
            missing.append(tag[:120])
    return missing


def test_the_admin_pages_name_every_input_and_fieldset(admin_client, worksheet):
    import re

    group = worksheet.tip_groups.first()
    pages = {
        "worksheet": reverse("admin:worksheets_worksheet_change", args=[worksheet.pk]),
        "tip group": reverse("admin:worksheets_tipgroup_change", args=[group.pk]),
        "FAQ list": reverse("admin:worksheets_faqentry_changelist"),
        "tip groups list": reverse("admin:worksheets_tipgroup_changelist"),
    }
    for name, url in pages.items():
        html = admin_client.get(url).text
        assert inputs_without_a_name(html) == [], name
        # Every fieldset is named by a legend, its first child (templates/admin/: issue 28, B2).
        fieldsets = re.findall(r"<fieldset\b[^>]*>\s*(<[a-z]+)", html)
        assert all(first == "<legend" for first in fieldsets), f"{name}: {fieldsets}"


def test_the_admin_underlines_breadcrumbs_and_has_a_favicon(admin_client, worksheet):
    from django.contrib.staticfiles import finders

    html = admin_client.get(reverse("admin:worksheets_worksheet_change", args=[worksheet.pk])).text
    assert 'href="/static/css/admin.css"' in html and 'rel="icon"' in html
    assert "text-decoration: underline" in Path(finders.find("css/admin.css")).read_text()


def test_the_admin_login_has_a_heading_and_a_favicon(client):
    html = client.get(reverse("admin:login")).text
    assert "<h1>Sign in to the admin</h1>" in html
    assert 'rel="icon"' in html
