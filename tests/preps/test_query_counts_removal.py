"""What removing a row and undoing it cost in queries: the same for a short list as for a long one."""

import pytest
from django.urls import reverse

from testsupport.factories import expected_question_create, roster_fill


@pytest.fixture(params=[3, 40], ids=lambda n: f"{n} rows")
def filled(request, prep):
    people = roster_fill(prep, request.param)
    questions = [
        expected_question_create(prep=prep, text=f"Question {n}?", askers=people[:2])
        for n in range(request.param)
    ]
    return people, questions


def test_removing_and_undoing_an_expected_question(owner_client, prep, filled, django_assert_num_queries):
    _people, questions = filled
    question = questions[1]
    # session, user, prep + worksheet, the question with its askers and FAQ links (the 404 check);
    # savepoint, the question locked, savepoint, lock the prep, its history, askers and FAQ links (what Undo
    # puts back), its history's ids (the delete's), delete its askers, its FAQ links and it, close the gap;
    # savepoint, purge old removals, drop an older removal of this row, insert, the ten latest, release,
    # release; the prep's updated_at, release; a question sent in that was accepted as it lets go of it
    # (asks: SET_NULL)
    with django_assert_num_queries(28):
        response = owner_client.post(reverse("expected_question_remove", args=[prep.pk, question.pk]))
    assert response.status_code == 302
    # session, user, prep + worksheet; savepoint, savepoint, savepoint, the removal (locked), delete it,
    # release; lock the prep, the list's size, is its id free, open the gap, does its prep still exist,
    # insert; askers still there, those set, set them; FAQ links set; release; the prep's updated_at, release
    with django_assert_num_queries(22):
        response = owner_client.post(reverse("expected_question_undo", args=[prep.pk, question.pk]))
    assert response.status_code == 302
