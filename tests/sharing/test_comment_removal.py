"""Removing a comment at once, with Undo: the author (or the prep's owner) removes it, the page offers
"Removed “…”. Undo" to the one who removed it, and Undo puts the very comment back."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from preps.models import RowRemoval
from sharing.models import Comment
from sharing.services import (
    CommentNotYours,
    comment_add,
    comment_put_back,
    comment_remove,
    comment_resolve,
)
from testsupport.factories import prep_create, share_create, stakeholder_create, user_create

pytestmark = pytest.mark.django_db

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}
TEXT = "Ask the EMS data lead about the overtime numbers for the second quarter please"


@pytest.fixture
def team(prep) -> dict:
    """The owner's colleagues, one per role."""
    people = {role: user_create(f"{role}-colleague", email_verified=True) for role in ("viewer", "commenter")}
    people["editor"] = user_create("editor-colleague", email_verified=True)
    for role, user in people.items():
        share_create(prep=prep, user=user, role=role)
    return people


@pytest.fixture
def comment(prep, team) -> Comment:
    return comment_add(prep=prep, author=team["commenter"], text=TEXT, question_key="who-attends")


def _urls(prep, comment_id: int) -> tuple[str, str]:
    return (
        reverse("comment_remove", args=[prep.pk, comment_id]),
        reverse("comment_undo", args=[prep.pk, comment_id]),
    )


# --- services ---------------------------------------------------------------------------------------------


def test_undo_puts_back_the_very_comment(prep, owner, team, comment):
    comment_resolve(prep=prep, comment_id=comment.pk, by=owner)
    Comment.objects.filter(pk=comment.pk).update(notified_at=timezone.now())
    before = Comment.objects.get(pk=comment.pk)
    author = team["commenter"]

    removal = comment_remove(prep=prep, comment_id=comment.pk, by=author, is_owner=False)

    assert removal.label == "Ask the EMS data lead about the overtime…"
    assert not Comment.objects.filter(pk=comment.pk).exists()
    back = comment_put_back(prep=prep, comment_id=comment.pk, by=author)
    after = Comment.objects.get(pk=comment.pk)
    assert back.pk == comment.pk
    fields = ("text", "author_id", "question_id", "resolved_by_id")
    assert {name: getattr(after, name) for name in fields} == {name: getattr(before, name) for name in fields}
    for name in ("created_at", "resolved_at", "notified_at"):  # kept to the millisecond (the serializer's)
        assert abs(getattr(after, name) - getattr(before, name)) < timedelta(milliseconds=1)
    assert comment_put_back(prep=prep, comment_id=comment.pk, by=author) is None  # an undo happens once


def test_only_the_author_or_the_owner_removes(prep, owner, team, comment):
    for role in ("editor", "viewer"):
        with pytest.raises(CommentNotYours):
            comment_remove(prep=prep, comment_id=comment.pk, by=team[role], is_owner=False)
    assert Comment.objects.filter(pk=comment.pk).exists()
    comment_remove(prep=prep, comment_id=comment.pk, by=owner, is_owner=True)
    # The undo is the owner's, who removed it; not the author's.
    assert comment_put_back(prep=prep, comment_id=comment.pk, by=team["commenter"]) is None
    assert comment_put_back(prep=prep, comment_id=comment.pk, by=owner).author == team["commenter"]


def test_another_preps_comment_is_not_found(owner, worksheet, team, comment):
    elsewhere = prep_create(owner=owner, worksheet=worksheet)
    with pytest.raises(Comment.DoesNotExist):
        comment_remove(prep=elsewhere, comment_id=comment.pk, by=owner, is_owner=True)
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_a_comment_about_a_person_gone_since_is_not_put_back(prep, owner):
    person = stakeholder_create(prep=prep, name="Chief Ruiz")
    comment = comment_add(prep=prep, author=owner, text="Ask about staffing", stakeholder_id=person.pk)
    comment_remove(prep=prep, comment_id=comment.pk, by=owner, is_owner=True)
    person.delete()
    with pytest.raises(ValidationError, match="no longer on the roster"):
        comment_put_back(prep=prep, comment_id=comment.pk, by=owner)
    assert RowRemoval.objects.filter(kind="comment", row_id=comment.pk).exists()  # nothing half done
    assert not Comment.objects.filter(pk=comment.pk).exists()


# --- views ------------------------------------------------------------------------------------------------


def test_the_author_removes_and_undoes_on_the_fill_page(client, prep, team, comment):
    remove_url, undo_url = _urls(prep, comment.pk)
    client.force_login(team["commenter"])
    page = client.get(prep.get_absolute_url()).content.decode()
    assert f'href="{remove_url}" data-remove-now' in page

    confirm = client.get(remove_url)  # without JavaScript the link asks first
    assert confirm.status_code == 200 and "Remove this comment?" in confirm.content.decode()
    assert Comment.objects.filter(pk=comment.pk).exists()

    response = client.post(remove_url)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comments-q{comment.question_id}")
    page = client.get(response["Location"]).content.decode()
    assert "Removed “<bdi>Ask the EMS data lead about the overtime…</bdi>” from the comments." in page
    assert f'form="undo-comment-{comment.pk}"' in page and f'action="{undo_url}"' in page
    assert TEXT not in page

    response = client.post(undo_url)
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{comment.pk}")
    page = client.get(prep.get_absolute_url()).content.decode()
    assert TEXT in page and "undo-comment-" not in page
    assert client.post(undo_url).status_code == 404  # already undone


def test_the_owner_removes_a_colleagues_comment_the_editor_cannot(client, prep, owner, team, comment):
    remove_url, undo_url = _urls(prep, comment.pk)
    client.force_login(team["editor"])
    assert remove_url not in client.get(prep.get_absolute_url()).content.decode()
    assert client.get(remove_url).status_code == 403
    assert client.post(remove_url).status_code == 403
    client.force_login(owner)
    assert remove_url in client.get(prep.get_absolute_url()).content.decode()
    assert client.post(remove_url, **FETCH).json() == {"status": "removed", "undo_url": undo_url}
    assert not Comment.objects.filter(pk=comment.pk).exists()
    for role in ("commenter", "editor"):  # the undo is the owner's alone
        client.force_login(team[role])
        assert client.post(undo_url).status_code == 404
    client.force_login(owner)
    assert client.post(undo_url, **FETCH).json() == {"status": "restored", "id": comment.pk}


def test_a_viewer_gets_403_and_an_outsider_404(client, prep, outsider, team, comment):
    remove_url, undo_url = _urls(prep, comment.pk)
    client.force_login(team["commenter"])
    client.post(remove_url)
    client.force_login(team["viewer"])
    assert client.get(remove_url).status_code == 403
    assert client.post(undo_url).status_code == 403
    client.force_login(outsider)
    assert client.get(remove_url).status_code == 404
    assert client.post(undo_url).status_code == 404
    assert RowRemoval.objects.filter(kind="comment", row_id=comment.pk).exists()


def test_hostile_input_gets_a_4xx(client, prep, owner, worksheet, team, comment):
    client.force_login(team["commenter"])
    huge = 10**30
    for path in (
        f"/preps/{prep.pk}/comments/{huge}/remove/",
        f"/preps/{prep.pk}/comments/{huge}/undo-remove/",
        f"/preps/{prep.pk}/comments/0/remove/",
        _urls(prep, comment.pk + 1000)[0],
    ):
        assert client.post(path).status_code == 404
    assert client.put(_urls(prep, comment.pk)[0]).status_code == 405
    assert client.get(_urls(prep, comment.pk)[1]).status_code == 405
    theirs = comment_add(
        prep=prep_create(owner=owner, worksheet=worksheet), author=owner, text="x", question_key="who-attends"
    )
    assert (
        client.post(_urls(prep, theirs.pk)[0]).status_code == 404
    )  # another prep's comment by this prep's id
    assert Comment.objects.filter(pk=theirs.pk).exists()


@pytest.fixture(params=[3, 40], ids=lambda n: f"{n} comments")
def many(request, prep, team) -> list[Comment]:
    author = team["commenter"]
    return [
        comment_add(prep=prep, author=author, text=f"Remark {n}", question_key="who-attends")
        for n in range(request.param)
    ]


def test_removing_and_undoing_cost_the_same_for_many_comments(
    client, prep, team, many, django_assert_num_queries
):
    remove_url, undo_url = _urls(prep, many[1].pk)
    client.force_login(team["commenter"])
    # session, user, prep and access, the comment (the 403 check); savepoint, it locked, savepoint, lock the
    # prep, delete it; savepoint, purge old removals, drop an older removal of it, insert, the ten latest,
    # release x3
    with django_assert_num_queries(17):
        assert client.post(remove_url).status_code == 302
    # session, user, prep and access; savepoints, the removal (locked), delete it, lock the prep, the list's
    # size, is its id free, does what it points to still exist (prep, question, author), insert; releases
    with django_assert_num_queries(18):
        assert client.post(undo_url).status_code == 302


def test_a_comment_about_a_person_offers_its_undo_where_such_comments_are_written(client, prep, team):
    person = stakeholder_create(prep=prep, name="Chief Ruiz")
    author = team["commenter"]
    comment = comment_add(prep=prep, author=author, text="Ask about staffing", stakeholder_id=person.pk)
    remove_url, undo_url = _urls(prep, comment.pk)
    client.force_login(author)
    response = client.post(remove_url)
    first_question = prep.worksheet.questions.order_by("position").first()
    assert response["Location"].endswith(f"#comments-q{first_question.pk}")
    page = client.get(response["Location"]).content.decode()
    section = page[page.index(f'id="comments-q{first_question.pk}"') :]
    assert (
        "Removed “<bdi>Ask about staffing</bdi>” from the comments." in section[: section.index("</section>")]
    )
    assert client.post(undo_url).status_code == 302
    assert Comment.objects.get(pk=comment.pk).stakeholder == person
