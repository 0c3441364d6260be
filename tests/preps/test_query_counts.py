"""SQL queries per page: the same number for the seed worksheet (4 questions, 8 FAQ entries) as for one ten
times its size (40 questions, 80 FAQ entries, ten times the tips), every question answered.

Each test names the queries it expects; a test failing here means a page started to query per question,
per tip or per FAQ entry (an N+1) or gained a query - look at the list ``django_assert_num_queries`` prints.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from briefs.services import brief_ensure
from documents.sources import PDFSource
from preps.models import Answer, MeetingPrep
from testsupport.factories import expected_question_create, prep_create, roster_fill, worksheet_grow

pytestmark = pytest.mark.django_db

SIZES = {"seed": 1, "tenfold": 10}


@pytest.fixture(autouse=True)
def sessions_in_the_database(settings, private_cache):
    """The counts include the session read: sessions in the database, as without REDIS_URL."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"


@pytest.fixture(params=SIZES.values(), ids=SIZES.keys())
def sized_prep(request, prep):
    return worksheet_grow(prep, request.param)


@pytest.fixture
def fake_render(monkeypatch):
    """The PDF views' queries, without waiting for WeasyPrint (which makes none)."""
    monkeypatch.setattr(PDFSource, "render", lambda source: b"%PDF-1.7 " + source.digest.encode())


def test_fill_page(owner_client, sized_prep, django_assert_num_queries):
    # session, user, prep + worksheet (with the user's role), the worksheet's content version and (its first
    # read here) its content: worksheet, questions, tip groups, tips, FAQ entries; answers, roster, expected
    # questions, comments, whether it is shared (comment boxes), this user's removals to undo, her removed
    # comments to undo, the work group's people not on the roster yet, the people asked for questions and
    # what they sent (asks: 2). test_content_cache: the next view, 5 fewer.
    with django_assert_num_queries(19):
        response = owner_client.get(reverse("prep_fill", args=[sized_prep.pk]))
    assert response.status_code == 200


def test_fill_page_no_javascript_save(owner_client, sized_prep, django_assert_num_queries):
    question = sized_prep.worksheet.questions.order_by("position").first()
    data = {}
    for answer in sized_prep.answers.all():
        data[f"answer_{answer.question.key}"] = answer.text
        data[f"version_{answer.question.key}"] = answer.version
    data[f"answer_{question.key}"] = "Changed"
    # session, user, prep + worksheet, the worksheet's content version and (its first read here) its content:
    # worksheet, questions, tip groups, tips, FAQ entries; answers, roster, expected questions; one changed
    # answer: savepoint, conditional update, select, prep's updated_at,
    # the history's conditional update of this author's recent revision (none), the revision written, release
    with django_assert_num_queries(19):
        response = owner_client.post(reverse("prep_fill", args=[sized_prep.pk]), data)
    assert response.status_code == 302


def test_dashboard(owner_client, sized_prep, django_assert_num_queries):
    for n in range(5):
        prep_create(owner=sized_prep.owner, worksheet=sized_prep.worksheet, meeting_title=f"M{n}")
    # session, user, the number of preps (for the pages), one page of preps with progress and worksheet,
    # the open commitments due or overdue (the badge), the preps shared with the user, open comments on
    # the page's preps; her work groups, the groups she is on the team of, their open follow-ups; the
    # people's next steps due
    with django_assert_num_queries(11):
        response = owner_client.get(reverse("dashboard"))
    assert response.status_code == 200


def test_autosave(owner_client, sized_prep, django_assert_num_queries):
    question = sized_prep.worksheet.questions.order_by("position").first()
    url = reverse("answer_autosave", args=[sized_prep.pk, question.key])
    # The first save starts the owner's revision: session, user, one read (prep + worksheet + owner with the
    # user's role, the question's id, the answer as stored and whether this author's open revision goes on);
    # savepoint, conditional update of the answer (not read again: it holds the text sent at version + 1),
    # prep's updated_at, the revision before closed (none open here), the open revision written, release.
    # No progress count: the answer was not blank before and is not now.
    with django_assert_num_queries(9):
        response = owner_client.post(url, {"text": "Saved text", "version": 1})
    assert response.json()["status"] == "saved"
    assert "answered_count" not in response.json()
    # The next save a few seconds later continues that revision: no history written.
    with django_assert_num_queries(7):
        response = owner_client.post(url, {"text": "Saved text, longer", "version": 2})
    assert response.json()["version"] == 3


def test_autosave_in_production_is_four_statements(client, owner, sized_prep, settings):
    """Issue 12.2: at most 4 SQL statements for a save that succeeds, with sessions in the cache (as with
    REDIS_URL) and the transaction's BEGIN/COMMIT, which a test's own transaction makes savepoints, aside."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    client.force_login(owner)
    question = sized_prep.worksheet.questions.order_by("position").first()
    url = reverse("answer_autosave", args=[sized_prep.pk, question.key])
    assert client.post(url, {"text": "Saved text", "version": 1}).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"text": "Saved text, longer", "version": 2})
    assert response.json()["version"] == 3
    statements = [
        " ".join(query["sql"].split()[:3]).replace('"', "")
        for query in queries.captured_queries
        if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]
    # the user, the one read, the answer's conditional update, the prep's "last edited"
    assert [statement.split()[0] for statement in statements] == ["SELECT", "SELECT", "UPDATE", "UPDATE"]
    assert "auth_user" in queries.captured_queries[0]["sql"]
    assert statements[2:] == [
        f"UPDATE {Answer._meta.db_table} SET",
        f"UPDATE {MeetingPrep._meta.db_table} SET",
    ]


def test_autosave_that_changes_the_progress(owner_client, sized_prep, django_assert_num_queries):
    question = sized_prep.worksheet.questions.order_by("position").first()
    url = reverse("answer_autosave", args=[sized_prep.pk, question.key])
    # as above, and the progress counted: the answer went from words to blank
    with django_assert_num_queries(10):
        response = owner_client.post(url, {"text": "  ", "version": 1})
    assert response.json()["answered_count"] == sized_prep.worksheet.questions.count() - 1


@pytest.mark.parametrize("page", ["home", "faq"])
def test_public_pages(client, sized_prep, page, django_assert_num_queries):
    # first published worksheet, its content version and (its first read here) its content: worksheet,
    # questions, tip groups, tips, FAQ entries
    with django_assert_num_queries(7):
        response = client.get(reverse(page))
    assert response.status_code == 200


def test_pdf_download_fresh_cached_and_not_modified(
    owner_client, sized_prep, fake_render, django_assert_num_queries
):
    url = reverse("prep_pdf", args=[sized_prep.pk])
    # session, user, prep + worksheet + owner, the worksheet's content version, answers, roster, expected
    # questions, the meeting's outcome: the same whether the PDF is rendered, served from the cache, or
    # answered with 304; the first read of this content version adds it (worksheet, questions, tip groups,
    # tips, FAQ entries), which the next requests find in this process's cache; the questions sent in (asks)
    with django_assert_num_queries(14):
        fresh = owner_client.get(url)
    with django_assert_num_queries(9):
        cached = owner_client.get(url)
    with django_assert_num_queries(9):
        not_modified = owner_client.get(url, headers={"If-None-Match": fresh["ETag"]})
    assert (fresh["X-PDF-Cache"], cached["X-PDF-Cache"], not_modified.status_code) == ("miss", "hit", 304)


def test_notes_word_download(owner_client, sized_prep, django_assert_num_queries):
    # session, user, prep + worksheet + owner, the worksheet's content version and (its first read here) its
    # content: worksheet, questions, tip groups, tips, FAQ entries; answers, roster, expected questions, the
    # meeting's outcome (read for the PDF's HTML, the key, and again when the Word file is built: its
    # "Outcome and follow-ups"); the questions sent in, likewise twice
    with django_assert_num_queries(16):
        response = owner_client.get(reverse("prep_docx", args=[sized_prep.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("people", [4, 60])
def test_fill_page_and_export_with_a_roster(owner_client, prep, people, django_assert_num_queries):
    """The same queries for 4 people as for 60, each asking one expected question linked to an FAQ entry."""
    roster = roster_fill(prep, people)
    entry = prep.worksheet.faq_entries.first()
    for n, person in enumerate(roster):
        expected_question_create(prep=prep, text=f"Question {n}", askers=[person], faq_entries=[entry])
    # session, user, prep + worksheet, the worksheet's content version and (its first read here) its content:
    # worksheet, questions, tip groups, tips, FAQ entries; answers, roster, expected questions, their askers,
    # their FAQ entries, comments, whether it is shared, this user's removals to undo, her removed comments,
    # the work group's people not on the roster yet, the people asked for questions and what they sent (asks)
    with django_assert_num_queries(21):
        response = owner_client.get(reverse("prep_fill", args=[prep.pk]))
    assert response.status_code == 200
    # session, user, preps, answers, roster, expected questions, askers, FAQ entries, the worksheet's content
    # version (its content is in this process's cache since the fill page), briefs, their agendas, their FAQ
    # entries, outcomes, the title and contact the briefs print, the questions sent in (asks)
    brief_ensure(prep=prep)
    with django_assert_num_queries(15):
        response = owner_client.get(reverse("account_export"))
    assert response.status_code == 200
    assert len(response.json()["meeting_preps"][0]["stakeholders"]) == people


@pytest.mark.parametrize("people", [4, 60])
def test_a_roster_save_move_and_map(owner_client, prep, people, django_assert_num_queries):
    """One person's autosave, a move and the power map cost the same for 4 people as for 60."""
    roster = roster_fill(prep, people)
    url = reverse("stakeholder_autosave", args=[prep.pk, roster[1].pk])
    # session, user, prep + worksheet; savepoint, the row before, conditional update, prep's updated_at,
    # for each of the two changed fields its latest revision and the revision written, release (the row is
    # not read back); progress, as "concerns" went from blank to words
    with django_assert_num_queries(13):
        response = owner_client.post(url, {"version": 1, "concerns": "Overtime", "stance": "champion"})
    assert response.json()["status"] == "saved"
    assert "answered_count" in response.json()
    # the same for one field, no progress count: words before and after
    with django_assert_num_queries(10):
        response = owner_client.post(url, {"version": 2, "concerns": "Overtime pay"})
    assert response.json()["version"] == 3
    assert "answered_count" not in response.json()
    # session, user, prep + worksheet, the roster's order (where the person is); savepoint, savepoint, lock
    # the prep, the roster, one bulk update of the positions, release, prep's updated_at, release
    with django_assert_num_queries(12):
        response = owner_client.post(
            reverse("stakeholder_move", args=[prep.pk, roster[1].pk]),
            {"direction": "up"},
            headers={"X-Requested-With": "fetch"},
        )
    assert response.json()["order"][0] == roster[1].pk
    # session, user, prep + worksheet, roster
    with django_assert_num_queries(4):
        response = owner_client.get(reverse("power_map_fragment", args=[prep.pk]))
    assert response.status_code == 200
