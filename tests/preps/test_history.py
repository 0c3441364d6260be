"""Every kept change of a person on the roster and of an expected question can be browsed and restored, on
the same history page as an answer's (issue 25, point 7)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.services import account_delete
from preps.history_services import RevisionNotFound, expected_question_restore, stakeholder_revision_restore
from preps.models import ExpectedQuestion, ExpectedQuestionRevision, Stakeholder, StakeholderRevision
from preps.services import (
    expected_question_create,
    expected_question_save,
    prep_delete,
    prep_duplicate,
    stakeholder_delete,
    stakeholder_update,
)
from testsupport.factories import share_create, stakeholder_create, user_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_cache")]


@pytest.fixture
def editor(db):
    return user_create("cora", first_name="Cora", last_name="Diaz")


@pytest.fixture
def person(prep, editor):
    share_create(prep=prep, user=editor, role="editor")
    return stakeholder_create(prep=prep, name="Chief Quokka")


@pytest.fixture
def faq(prep):
    return list(prep.worksheet.faq_entries.filter(is_published=True).order_by("position")[:2])


def stance(prep, person, value: str, author, version: int | None = None):
    version = Stakeholder.objects.get(pk=person.pk).version if version is None else version
    return stakeholder_update(
        prep=prep, stakeholder_id=person.pk, base_version=version, changes={"stance": value}, author=author
    )


def age_revisions(model, minutes: int = 6) -> None:
    """Move every kept revision back in time, past the coalescing window."""
    model.objects.update(started_at=timezone.now() - timedelta(minutes=minutes))


def history_url(prep, person) -> str:
    return reverse("stakeholder_history", args=[prep.pk, person.pk])


# A person on the roster


def test_a_persons_history_shows_each_field_in_words_with_who_and_when(client, prep, owner, editor, person):
    stance(prep, person, "supportive", owner)
    stance(prep, person, "skeptical", editor)
    client.force_login(owner)
    page = client.get(history_url(prep, person)).content.decode()
    assert "History of Chief Quokka" in page
    assert "Supportive" in page and "Skeptical" in page and "supportive" not in page
    assert page.count('<h3 class="h6 small fw-semibold mb-0 mt-2">Stance</h3>') == 2
    assert "Cora Diaz" in page and "<time" in page
    # The current value is not offered for restore; the earlier one is.
    assert page.count("Restore this version") == 1
    assert (
        reverse("stakeholder_history", args=[prep.pk, person.pk])
        in client.get(reverse("prep_fill", args=[prep.pk])).content.decode()
    )


def test_one_persons_saves_coalesce_and_anothers_start_a_revision(prep, owner, editor, person):
    stance(prep, person, "neutral", owner)
    stance(prep, person, "supportive", owner)
    assert list(StakeholderRevision.objects.values_list("value", "author")) == [("supportive", owner.pk)]
    stance(prep, person, "champion", editor)
    assert list(StakeholderRevision.objects.values_list("value", flat=True)) == ["champion", "supportive"]


def test_restoring_a_field_is_a_new_revision_on_a_new_version(prep, owner, editor, person):
    stance(prep, person, "supportive", editor)
    stance(prep, person, "opposed", owner)
    earlier = StakeholderRevision.objects.get(value="supportive")
    version = Stakeholder.objects.get(pk=person.pk).version
    result = stakeholder_revision_restore(
        prep=prep, person_id=person.pk, revision_id=earlier.pk, author=owner
    )
    assert result.saved and result.version == version + 1
    assert Stakeholder.objects.get(pk=person.pk).stance == "supportive"
    # Not folded into the owner's own revision of a minute ago: both stay.
    assert list(StakeholderRevision.objects.values_list("value", "restored_from")) == [
        ("supportive", earlier.pk),
        ("opposed", None),
        ("supportive", None),
    ]


def test_a_restore_makes_a_stale_window_get_a_conflict(client, prep, owner, editor, person):
    stance(prep, person, "supportive", editor)
    stance(prep, person, "opposed", owner)
    stale_version = Stakeholder.objects.get(pk=person.pk).version
    client.force_login(owner)
    earlier = StakeholderRevision.objects.get(value="supportive")
    restored = client.post(reverse("stakeholder_restore", args=[prep.pk, person.pk, earlier.pk]))
    assert restored.status_code == 302 and restored["Location"].endswith(f"#person-{person.pk}")
    save_url = reverse("stakeholder_autosave", args=[prep.pk, person.pk])
    client.force_login(editor)
    conflict = client.post(save_url, {"version": stale_version, "role": "Chief"})
    assert conflict.status_code == 409
    assert Stakeholder.objects.get(pk=person.pk).role == ""


def test_another_persons_revision_is_not_restored(client, prep, owner, person):
    other = stakeholder_create(prep=prep, name="Dr. Wombat")
    stance(prep, other, "neutral", owner)
    revision = StakeholderRevision.objects.get(stakeholder=other)
    with pytest.raises(RevisionNotFound):
        stakeholder_revision_restore(prep=prep, person_id=person.pk, revision_id=revision.pk, author=owner)
    client.force_login(owner)
    response = client.post(reverse("stakeholder_restore", args=[prep.pk, person.pk, revision.pk]))
    assert response.status_code == 404
    assert Stakeholder.objects.get(pk=person.pk).stance == ""


@pytest.mark.parametrize("role", ["viewer", "commenter"])
def test_readers_may_neither_see_nor_restore_history_as_with_answers(client, prep, owner, person, role):
    stance(prep, person, "neutral", owner)
    reader = user_create(role)
    share_create(prep=prep, user=reader, role=role)
    client.force_login(reader)
    revision = StakeholderRevision.objects.get()
    assert client.get(history_url(prep, person)).status_code == 403
    assert (
        client.post(reverse("stakeholder_restore", args=[prep.pk, person.pk, revision.pk])).status_code == 403
    )
    assert Stakeholder.objects.get(pk=person.pk).stance == "neutral"


def test_an_outsider_gets_404_and_a_visitor_the_sign_in(client, prep, owner, outsider, person):
    client.force_login(outsider)
    assert client.get(history_url(prep, person)).status_code == 404
    client.logout()
    assert client.get(history_url(prep, person))["Location"].startswith("/accounts/login/")


# An expected question


def ask(prep, text: str, author, **fields) -> ExpectedQuestion:
    return expected_question_create(prep=prep, text=text, author=author, **fields)


def save_question(prep, question, author, **changes):
    version = ExpectedQuestion.objects.get(pk=question.pk).version
    return expected_question_save(
        prep=prep, expected_question_id=question.pk, base_version=version, changes=changes, author=author
    )


def test_an_expected_question_keeps_its_first_version_and_coalesces(prep, owner, editor, person, faq):
    question = ask(prep, "Who answers at 2 a.m.?", owner, askers=[person.pk], faq_entries=[faq[0].pk])
    first = ExpectedQuestionRevision.objects.get()
    assert first.author == owner and first.version == 1
    assert first.snapshot == {
        "text": "Who answers at 2 a.m.?",
        "answer": "",
        "askers": [person.pk],
        "faq_entries": [faq[0].pk],
    }
    save_question(prep, question, owner, answer="Our team")  # within five minutes of her first: one version
    assert ExpectedQuestionRevision.objects.count() == 1
    save_question(prep, question, editor, answer="Our team, 24/7")
    assert [r.snapshot["answer"] for r in ExpectedQuestionRevision.objects.all()] == [
        "Our team, 24/7",
        "Our team",
    ]


def test_restoring_an_expected_question_brings_back_every_field(prep, owner, editor, person, faq):
    question = ask(prep, "Who pays?", owner, answer="The city", askers=[person.pk], faq_entries=[faq[0].pk])
    save_question(
        prep, question, editor, text="Who pays for it?", answer="", askers=[], faq_entries=[faq[1].pk]
    )
    first = ExpectedQuestionRevision.objects.order_by("pk").first()
    result = expected_question_restore(
        prep=prep, expected_question_id=question.pk, revision_id=first.pk, author=editor
    )
    assert result.saved and result.version == 3
    assert result.current == {
        "text": "Who pays?",
        "answer": "The city",
        "askers": [person.pk],
        "faq_entries": [faq[0].pk],
    }
    assert ExpectedQuestionRevision.objects.first().restored_from == first


def test_a_restore_leaves_out_a_person_removed_since(prep, owner, person):
    question = ask(prep, "Who pays?", owner, askers=[person.pk])
    save_question(prep, question, owner, text="Who pays for it?")
    first = ExpectedQuestionRevision.objects.get()
    stakeholder_delete(prep=prep, stakeholder_id=person.pk)
    result = expected_question_restore(
        prep=prep, expected_question_id=question.pk, revision_id=first.pk, author=owner
    )
    assert result.saved and result.current["askers"] == []


def test_the_expected_question_page_names_askers_and_faq_titles(client, prep, owner, editor, person, faq):
    question = ask(prep, "Who answers at 2 a.m.?", owner, askers=[person.pk], faq_entries=[faq[0].pk])
    save_question(prep, question, editor, answer="Our team")
    gone = stakeholder_create(prep=prep, name="Dr. Wombat")
    save_question(prep, question, owner, askers=[person.pk, gone.pk])
    stakeholder_delete(prep=prep, stakeholder_id=gone.pk)
    client.force_login(owner)
    page = client.get(reverse("expected_question_history", args=[prep.pk, question.pk])).content.decode()
    assert "Chief Quokka" in page and faq[0].question in page
    assert "Dr. Wombat" not in page and "A person no longer on the roster" in page
    assert "Olivia" in page or owner.username in page
    assert "Cora Diaz" in page
    fill = client.get(reverse("prep_fill", args=[prep.pk])).content.decode()
    assert reverse("expected_question_history", args=[prep.pk, question.pk]) in fill


def test_a_question_restore_makes_a_stale_row_save_get_a_conflict(client, prep, owner, editor, person):
    question = ask(prep, "Who pays?", owner)
    save_question(prep, question, editor, text="Who pays for it?")
    stale_version = ExpectedQuestion.objects.get(pk=question.pk).version
    first = ExpectedQuestionRevision.objects.order_by("pk").first()
    client.force_login(owner)
    url = reverse("expected_question_restore", args=[prep.pk, question.pk, first.pk])
    assert client.post(url).status_code == 302
    client.force_login(editor)
    save = client.post(
        reverse("expected_question_save", args=[prep.pk, question.pk]),
        {"version": stale_version, "text": "Mine"},
    )
    assert save.status_code == 409
    assert ExpectedQuestion.objects.get(pk=question.pk).text == "Who pays?"


def test_a_copied_prep_starts_each_questions_history(prep, owner, person):
    ask(prep, "Who pays?", owner, askers=[person.pk])
    copy = prep_duplicate(prep=prep)
    copied = ExpectedQuestion.objects.get(prep=copy)
    revision = ExpectedQuestionRevision.objects.get(expected_question=copied)
    assert revision.snapshot["askers"] == [copy.stakeholders.get().pk]
    assert revision.author == owner


# Privacy: the history goes with the row, the prep and the account


def test_revisions_go_with_the_person_the_question_the_prep_and_the_account(prep, owner, editor, person):
    stance(prep, person, "neutral", editor)
    question = ask(prep, "Who pays?", editor)
    stakeholder_delete(prep=prep, stakeholder_id=person.pk)
    assert not StakeholderRevision.objects.exists()
    # A colleague's account goes: what they wrote stays with the owner's prep, no longer under their name.
    account_delete(user=editor)
    assert ExpectedQuestionRevision.objects.get(expected_question=question).author is None
    account_delete(user=owner)
    assert not ExpectedQuestionRevision.objects.exists()


def test_deleting_the_prep_deletes_its_history(prep, owner, person):
    stance(prep, person, "neutral", owner)
    ask(prep, "Who pays?", owner)
    prep_delete(prep=prep)
    assert not StakeholderRevision.objects.exists() and not ExpectedQuestionRevision.objects.exists()


# Query counts: a page with 50 revisions costs what a page with one does


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_history_pages_query_the_same_for_1_and_50_revisions(client, prep, owner, editor, person, faq):
    question = ask(prep, "Who pays?", owner, askers=[person.pk], faq_entries=[faq[0].pk])
    stance(prep, person, "neutral", owner)
    client.force_login(owner)
    person_url = history_url(prep, person)
    question_url = reverse("expected_question_history", args=[prep.pk, question.pk])
    few = {url: queries(client, url) for url in (person_url, question_url)}
    for n in range(50):
        author = (owner, editor)[n % 2]
        stance(prep, person, ("supportive", "skeptical")[n % 2], author)
        save_question(
            prep, question, author, answer=f"Answer {n}", askers=[person.pk], faq_entries=[faq[n % 2].pk]
        )
    assert StakeholderRevision.objects.count() == 50 and ExpectedQuestionRevision.objects.count() == 50
    # session, user, prep; the person; their revisions with authors
    assert queries(client, person_url) == few[person_url] == 5
    # session, user, prep; the question, its askers, its FAQ entries; its revisions with authors; the askers
    # and FAQ entries they name
    assert queries(client, question_url) == few[question_url] == 9
