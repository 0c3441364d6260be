"""The worksheet's content cached per process under ``Worksheet.content_version``, which database triggers
(worksheets migration 0005) change on every write to the worksheet or its content, whatever makes it: so an
admin's edit shows on the next page view, and a view of unchanged content reads it in one query, not six."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from worksheets.models import FAQEntry, Question, Tip, TipGroup, Worksheet
from worksheets.selectors import worksheet_with_content

pytestmark = pytest.mark.django_db


def version_of(worksheet: Worksheet) -> int:
    return Worksheet.objects.values_list("content_version", flat=True).get(pk=worksheet.pk)


def _question(worksheet):
    return worksheet.questions.order_by("position").first()


def _group(worksheet):
    return worksheet.tip_groups.order_by("position").first()


WRITES = {
    "question saved": lambda w: _question(w).save(),
    "question updated": lambda w: w.questions.filter(position=1).update(prompt="Who else?"),
    "question added": lambda w: Question.objects.create(worksheet=w, key="new", position=99, prompt="New?"),
    "question deleted": lambda w: w.questions.filter(position=4).delete(),
    "tip group updated": lambda w: w.tip_groups.update(title="Renamed"),
    "tip group added": lambda w: TipGroup.objects.create(worksheet=w, position=99, title="More"),
    "tip updated": lambda w: Tip.objects.filter(group__worksheet=w, position=1).update(text="Bring coffee."),
    "tip added": lambda w: Tip.objects.create(group=_group(w), position=99, text="A new tip."),
    "tip deleted": lambda w: Tip.objects.filter(group__worksheet=w).first().delete(),
    "FAQ entry unpublished": lambda w: w.faq_entries.filter(position=2).update(is_published=False),
    "FAQ entry added": lambda w: FAQEntry.objects.create(
        worksheet=w, position=99, question="Q?", answer="A."
    ),
    "FAQ entry deleted": lambda w: w.faq_entries.filter(position=1).delete(),
    "worksheet saved": lambda w: w.save(),
    "worksheet updated": lambda w: Worksheet.objects.filter(pk=w.pk).update(title="Another title"),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_every_write_to_the_content_gives_a_new_version(worksheet, write):
    before = version_of(worksheet)
    write(worksheet)
    assert version_of(worksheet) != before


def test_raw_sql_gives_a_new_version_too(worksheet):
    before = version_of(worksheet)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Question._meta.db_table} SET example = 'Typed in psql.'")  # noqa: S608
    assert version_of(worksheet) != before


def test_reading_the_content_again_is_one_query_until_it_changes(worksheet, django_assert_num_queries):
    with django_assert_num_queries(6):  # the version, then the worksheet, questions, tip groups, tips, FAQ
        first = worksheet_with_content(worksheet.pk)
    with django_assert_num_queries(1):  # the version
        again = worksheet_with_content(worksheet.pk)
    assert again is first
    worksheet.questions.filter(position=1).update(prompt="Who else should be in the room?")
    with django_assert_num_queries(6):
        changed = worksheet_with_content(worksheet.pk)
    assert changed.questions.all()[0].prompt == "Who else should be in the room?"


def test_a_missing_worksheet_raises_does_not_exist(db):
    with pytest.raises(Worksheet.DoesNotExist):
        worksheet_with_content(2**40)


def test_the_fill_page_shows_an_edit_at_once_and_reads_unchanged_content_in_one_query(owner_client, prep):
    url = reverse("prep_fill", args=[prep.pk])

    def view():
        with CaptureQueriesContext(connection) as queries:
            response = owner_client.get(url)
        assert response.status_code == 200
        return response.text, len(queries.captured_queries)

    _, first = view()
    _, again = view()
    assert again == first - 5
    prep.worksheet.questions.filter(position=2).update(example="Carmen asks the 911 director first.")
    text, after_edit = view()
    assert "Carmen asks the 911 director first." in text
    assert after_edit == first
