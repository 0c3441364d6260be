"""The meeting brief's history: every version of its details, blocks, FAQ choice and agenda, browsed and
restored on the same history page as an answer's (issue 25, point 7)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from briefs.models import AgendaItem, BriefRevision, MeetingBrief
from briefs.services import (
    BriefChanges,
    RestoreRefused,
    agenda_item_add,
    agenda_item_delete,
    brief_ensure,
    brief_restore,
    brief_save,
)
from preps.services import prep_delete, prep_duplicate
from testsupport.factories import prep_create, share_create, user_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_cache")]

FETCH = {"X-Requested-With": "fetch"}


@pytest.fixture
def editor(prep):
    cora = user_create("cora", first_name="Cora", last_name="Diaz")
    share_create(prep=prep, user=cora, role="editor")
    return cora


def save(prep, author, **details):
    version = MeetingBrief.objects.get(prep=prep).version
    return brief_save(prep=prep, base_version=version, changes=BriefChanges(details=details), author=author)


def test_the_brief_keeps_its_first_version_and_coalesces_one_persons_saves(prep, owner, editor):
    brief = brief_ensure(prep=prep)
    first = BriefRevision.objects.get()
    assert (
        first.author is None and first.version == 1 and len(first.snapshot["agenda"]) == brief.agenda.count()
    )
    save(prep, owner, purpose="Agree on a pilot")
    save(prep, owner, purpose="Agree on a pilot in May")
    assert BriefRevision.objects.count() == 2
    save(prep, editor, desired_outcome="A signed letter")
    latest = BriefRevision.objects.first()
    assert (latest.author, latest.version, latest.snapshot["desired_outcome"]) == (
        editor,
        4,
        "A signed letter",
    )
    assert latest.snapshot["purpose"] == "Agree on a pilot in May"


def test_restoring_brings_back_details_and_agenda_as_a_new_version(prep, owner, editor):
    brief = brief_ensure(prep=prep)
    save(prep, owner, purpose="Agree on a pilot")
    kept = BriefRevision.objects.first()
    items = list(brief.agenda.order_by("position"))
    agenda_item_delete(
        prep=prep, base_version=MeetingBrief.objects.get().version, author=editor, item_id=items[0].pk
    )
    agenda_item_add(prep=prep, base_version=MeetingBrief.objects.get().version, author=editor, title="Coffee")
    save(prep, editor, purpose="Something else")
    version = MeetingBrief.objects.get().version
    result = brief_restore(prep=prep, revision_id=kept.pk, author=owner)
    brief.refresh_from_db()
    assert result.saved and brief.version == version + 1 and brief.purpose == "Agree on a pilot"
    restored = list(brief.agenda.order_by("position"))
    assert [(item.pk, item.title) for item in restored] == [(item.pk, item.title) for item in items]
    latest = BriefRevision.objects.first()
    assert latest.restored_from == kept and latest.author == owner


def test_another_preps_revision_is_refused(prep, owner, worksheet):
    brief_ensure(prep=prep)
    other = prep_create(owner=owner, worksheet=worksheet)
    brief_ensure(prep=other)
    with pytest.raises(RestoreRefused):
        brief_restore(prep=prep, revision_id=BriefRevision.objects.get(brief__prep=other).pk, author=owner)


def test_the_page_shows_each_version_in_words_and_a_restore_makes_a_stale_window_conflict(
    prep, owner, editor
):
    brief_ensure(prep=prep)
    save(prep, owner, purpose="Agree on a pilot", start_time="09:30")
    client = Client()
    client.force_login(editor)
    stale = MeetingBrief.objects.get().version
    assert (
        client.post(
            reverse("brief_autosave", args=[prep.pk]),
            {"version": stale, "include_ratings": "on"},
            headers=FETCH,
        ).status_code
        == 200
    )
    stale = MeetingBrief.objects.get().version
    owner_client = Client()
    owner_client.force_login(owner)
    page = owner_client.get(reverse("brief_history", args=[prep.pk])).content.decode()
    assert "History of the meeting brief" in page and "Cora Diaz" in page
    assert "Agree on a pilot" in page and "09:30" in page
    assert "Stance and influence ratings" in page and "Desired outcome" in page
    assert page.count("Restore this version") == 2
    assert (
        reverse("brief_history", args=[prep.pk])
        in owner_client.get(reverse("prep_brief", args=[prep.pk])).content.decode()
    )
    first = BriefRevision.objects.order_by("pk").first()
    restored = owner_client.post(reverse("brief_restore", args=[prep.pk, first.pk]))
    assert restored.status_code == 302 and restored["Location"] == reverse("prep_brief", args=[prep.pk])
    conflict = client.post(
        reverse("brief_autosave", args=[prep.pk]), {"version": stale, "place": "Room 4"}, headers=FETCH
    )
    assert conflict.status_code == 409
    brief = MeetingBrief.objects.get()
    assert (brief.purpose, brief.include_ratings, brief.place) == ("", False, "")


@pytest.mark.parametrize("role", ["viewer", "commenter"])
def test_readers_may_neither_see_nor_restore_the_brief_history(prep, role):
    brief_ensure(prep=prep)
    reader = user_create(role)
    share_create(prep=prep, user=reader, role=role)
    client = Client()
    client.force_login(reader)
    assert client.get(reverse("brief_history", args=[prep.pk])).status_code == 403
    revision = BriefRevision.objects.get()
    assert client.post(reverse("brief_restore", args=[prep.pk, revision.pk])).status_code == 403


def test_the_history_goes_with_the_prep_and_a_copy_starts_its_own(prep, owner):
    brief_ensure(prep=prep)
    save(prep, owner, purpose="Agree on a pilot")
    copy = prep_duplicate(prep=prep)
    copied = BriefRevision.objects.get(brief__prep=copy)
    assert copied.snapshot["purpose"] == "Agree on a pilot" and copied.author == owner
    prep_delete(prep=prep)
    assert list(BriefRevision.objects.all()) == [copied]


def test_the_page_queries_the_same_for_1_and_50_versions(owner_client, prep, owner, editor, worksheet):
    brief_ensure(prep=prep)
    url = reverse("brief_history", args=[prep.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert owner_client.get(url).status_code == 200
        return len(context.captured_queries)

    entries = list(worksheet.faq_entries.filter(is_published=True)[:2])
    brief_save(prep=prep, base_version=1, changes=BriefChanges(faq=frozenset({entries[0].pk})), author=owner)
    few = queries()
    for n in range(50):
        version = MeetingBrief.objects.get().version
        changes = BriefChanges(details={"place": f"Room {n}"}, faq=frozenset({entries[n % 2].pk}))
        brief_save(prep=prep, base_version=version, changes=changes, author=(owner, editor)[n % 2])
    assert BriefRevision.objects.count() == 51 and AgendaItem.objects.exists()
    # session, user, prep; the brief; its revisions with authors; the FAQ entries they name; the brief's
    # chosen FAQ entries and agenda (to tell the current version)
    assert queries() == few == 8
