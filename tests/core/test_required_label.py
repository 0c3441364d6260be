"""Issue 28, A6: a required field's label says "(required)" in words, as the fill page does, not an
unexplained "*" (templates/bootstrap5/field.html overrides crispy-forms' field)."""

import re

import pytest

from testsupport.factories import expected_question_create

pytestmark = pytest.mark.django_db


def label_of(html: str, field_id: str) -> str:
    match = re.search(rf'<label[^>]*for="{field_id}"[^>]*>(.*?)</label>', html, re.S)
    assert match, f"no label for {field_id}"
    return re.sub(r"<[^>]+>|\s+", " ", match.group(1)).split()


@pytest.mark.parametrize(
    "path, field_id",
    [
        ("/preps/{prep}/people/new/", "id_name"),  # the roster's add page without JavaScript
        ("/preps/{prep}/expected/new/", "id_text"),  # question 4's add page
        ("/preps/{prep}/sharing/", "id_email"),  # the invitation form
    ],
)
def test_required_fields_say_so_in_words(owner_client, prep, path, field_id):
    expected_question_create(prep=prep, text="Who is liable?")
    html = owner_client.get(path.format(prep=prep.pk)).content.decode()
    assert label_of(html, field_id)[-1] == "(required)"
    assert "asteriskField" not in html
