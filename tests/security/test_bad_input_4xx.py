"""Bad input that once answered 500 now answers a clear 4xx, and the error page never fails.

A version other than 0 on a question never answered (autosave and the no-JavaScript save), a form declaring a
charset other than UTF-8 (a known one and an unknown one), a login username longer than any account's (a
DataError in django-axes on PostgreSQL), staff without the worksheet permission asking for the blank PDF, and
relative links in admin Markdown (which became file:// links in the PDF).
"""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client, RequestFactory
from django.urls import reverse

from core.refusals import bad_request
from preps.models import Answer
from testsupport.clients import BrowserClient, stored_data
from testsupport.factories import user_create
from worksheets.markdown import render_markdown

pytestmark = pytest.mark.django_db

FETCH = {"X-Requested-With": "fetch"}


def never_answered(prep):
    return prep.worksheet.questions.get(position=3)


def test_an_autosave_with_a_version_on_a_never_answered_question_is_a_conflict(owner, prep):
    client = BrowserClient(owner)
    question = never_answered(prep)
    response = client.post(
        reverse("answer_autosave", args=[prep.pk, question.key]),
        {"text": "From nowhere", "version": 3},
        headers={**FETCH, "X-CSRFToken": client.csrf_token},
    )
    assert response.status_code == 409
    assert (response.json()["current_text"], response.json()["current_version"]) == ("", 0)
    assert not Answer.objects.filter(prep=prep, question=question).exists()


def test_a_no_javascript_save_with_a_version_on_a_never_answered_question_is_a_conflict(owner, prep):
    client = BrowserClient(owner)
    question = never_answered(prep)
    data = {f"answer_{q.key}": "" for q in prep.worksheet.questions.all()}
    data |= {f"version_{q.key}": 0 for q in prep.worksheet.questions.all()}
    data |= {f"answer_{question.key}": "From an old page", f"version_{question.key}": 5}
    response = client.post(
        reverse("prep_fill", args=[prep.pk]), data, headers={"X-CSRFToken": client.csrf_token}
    )
    assert response.status_code == 409
    assert "changed in another window" in response.content.decode()
    assert not Answer.objects.filter(prep=prep, question=question).exists()


@pytest.mark.parametrize("charset", ["latin-1", "utf-16", "x-unknown-charset"])
@pytest.mark.parametrize("where", ["fill", "login", "autosave"])
def test_a_form_in_another_charset_is_a_clear_400_with_the_headers(owner, prep, charset, where):
    client = BrowserClient(owner)
    question = prep.worksheet.questions.first()
    url = {
        "fill": reverse("prep_fill", args=[prep.pk]),
        "login": reverse("login"),
        "autosave": reverse("answer_autosave", args=[prep.pk, question.key]),
    }[where]
    before = stored_data()
    response = client.generic(
        "POST",
        url,
        f"answer_{question.key}=caf%E9&text=caf%E9&version=0".encode(),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
        headers={**FETCH, "X-CSRFToken": client.csrf_token} if where == "autosave" else {},
    )
    assert response.status_code == 400
    text = response.json()["message"] if where == "autosave" else response.content.decode()
    assert "not UTF-8, so nothing was saved" in text
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response
    assert stored_data() == before


def test_the_400_page_itself_never_fails_on_an_undecodable_body():
    request = RequestFactory().generic(
        "POST", "/", b"a=%E9", content_type="application/x-www-form-urlencoded; charset=x-unknown-charset"
    )
    response = bad_request(request, exception=None)
    assert response.status_code == 400
    assert b"could not be understood" in response.content


@pytest.mark.parametrize("path", ["login", "admin:login"])
def test_an_over_long_username_is_a_clear_400_on_every_database(path):
    response = Client().post(reverse(path), {"username": "u" * 300, "password": "x"})
    assert response.status_code == 400
    assert "A username has at most 150 characters" in response.content.decode()


def test_a_username_at_the_limit_is_an_ordinary_failed_login():
    response = Client().post(reverse("login"), {"username": "u" * 150, "password": "x"})
    assert response.status_code == 200


def test_staff_without_the_worksheet_permission_cannot_get_the_blank_pdf(worksheet):
    clerk = user_create("clerk", is_staff=True)
    client = Client()
    client.force_login(clerk)
    url = reverse("admin:worksheets_worksheet_blank_pdf", args=[worksheet.pk])
    response = client.get(url)
    assert response.status_code == 403
    assert "no permission to view worksheets" in response.content.decode()
    assert client.get(reverse("admin:worksheets_worksheet_change", args=[worksheet.pk])).status_code == 403

    clerk.user_permissions.add(Permission.objects.get(codename="view_worksheet"))
    client.force_login(clerk)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "address", ["/faq/", "notes.html", "#tips", "../../etc/passwd", "file:///etc/passwd"]
)
def test_a_relative_link_in_admin_markdown_becomes_plain_text(address):
    html = render_markdown(f"See [the notes]({address}).")
    assert "<a" not in html
    assert "the notes" in html


def test_an_absolute_link_in_admin_markdown_stays_a_link():
    assert 'href="https://example.org/report"' in render_markdown("See [it](https://example.org/report).")
