"""Admin Markdown too long or too deeply nested never ties up a worker.

The admin refuses it with a message; text that got in another way (a fixture, the shell) shows as a note on
pages and makes the PDF answer 422 with a message (see test_hostile_input.py); the PDF renderer refuses a
document nested deeper than it can lay out instead of recursing until it crashes.
"""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from documents.pdf.render import MAX_ELEMENT_DEPTH, html_to_pdf
from testsupport.clients import BrowserClient
from worksheets.markdown import MARKDOWN_MAX_CHARS, ContentTooComplex, render_markdown, validate_markdown
from worksheets.models import Question

DEEP_QUOTES = "<blockquote>" * 40 + "deep" + "</blockquote>" * 40
DEEP_LIST = "\n".join("    " * level + "- item" for level in range(20))
RECURSING_LIST = "1. " * 1_300  # Python-Markdown itself recurses once per level and fails


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (DEEP_QUOTES, "more than 12 levels deep"),
        (DEEP_LIST, "more than 12 levels deep"),
        (RECURSING_LIST, "more than 12 levels deep"),
        ("[" * (MARKDOWN_MAX_CHARS + 1), "the limit is 4,000"),
    ],
    ids=["nested-quotes", "nested-list", "markdown-recursion", "too-long"],
)
def test_too_complex_markdown_is_refused_with_a_message(text, message):
    with pytest.raises(ContentTooComplex, match=message):
        render_markdown(text)


def test_the_seed_worksheet_is_well_within_the_limits():
    fixture = json.loads((Path(settings.FIXTURE_DIRS[0]) / "worksheet.json").read_text())
    markdown_fields = {"introduction", "credit", "example", "text", "answer", "sources"}
    for entry in fixture:
        for name, value in entry["fields"].items():
            if name in markdown_fields:
                validate_markdown(value)  # raises if not


@pytest.mark.django_db
def test_the_admin_refuses_deeply_nested_markdown_and_saves_nothing(staff, worksheet):
    question = worksheet.questions.get(position=1)
    client = BrowserClient(staff)
    url = reverse("admin:worksheets_question_change", args=[question.pk])
    form = {
        "worksheet": worksheet.pk,
        "position": question.position,
        "key": question.key,
        "prompt": question.prompt,
        "answer_label": question.answer_label,
        "example": DEEP_QUOTES,
    }
    response = client.post(url, form, headers={"X-CSRFToken": client.csrf_token})
    assert response.status_code == 200  # the admin shows its form again, with the error
    assert "nests lists, quotes or tags more than 12 levels deep" in response.text
    assert Question.objects.get(pk=question.pk).example == question.example

    response = client.post(
        url, {**form, "example": "Carmen invites **Fire**."}, headers={"X-CSRFToken": client.csrf_token}
    )
    assert response.status_code == 302  # ordinary Markdown saves


@pytest.mark.django_db
def test_a_page_shows_a_note_in_place_of_text_too_complex_to_show(owner, prep):
    prep.worksheet.questions.filter(position=1).update(example=DEEP_QUOTES)
    response = BrowserClient(owner).get(reverse("prep_fill", args=[prep.pk]))
    assert response.status_code == 200
    assert "too long or too deeply nested to show" in response.text
    assert "<blockquote>" not in response.text


def test_the_renderer_refuses_a_document_deeper_than_it_can_lay_out():
    depth = MAX_ELEMENT_DEPTH + 50
    body = "<div>" * depth + "x" + "</div>" * depth
    html = f"<!doctype html><html lang=en><title>t</title><body>{body}</body></html>"
    with pytest.raises(ContentTooComplex, match="nests more than 100 elements deep"):
        html_to_pdf(html)
