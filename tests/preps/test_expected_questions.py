"""Question 4's expected questions: add, edit (on the row's version: a stale save is a 409 with the stored
text and changes nothing), reorder, remove and put back; who may ask (this prep's people only); FAQ entries
linked (this worksheet's published ones only). The page's script saves as JSON, the no-JS pages as forms; bad
input is a clear 4xx that changes nothing; another prep's question is a 404. Duplicate, export and deletion
carry them; the fill page's queries stay the same for 4 and 60 questions."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from preps.models import ExpectedQuestion
from preps.models.roster import STAKEHOLDER_TEXT_MAX
from preps.services import (
    expected_question_create,
    expected_question_move,
    expected_question_put_back,
    expected_question_remove,
    expected_question_save,
    prep_duplicate,
)
from testsupport.factories import expected_question_create as make_question
from testsupport.factories import prep_create, roster_fill, stakeholder_create
from worksheets.models import FAQEntry

pytestmark = pytest.mark.django_db

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


def faq(prep, position: int) -> FAQEntry:
    return FAQEntry.objects.get(worksheet=prep.worksheet, position=position)


def texts(prep) -> list[str]:
    return list(prep.expected_questions.order_by("position").values_list("text", flat=True))


def snapshot(prep) -> list[tuple]:
    """Everything question 4's list holds, to show a refused request changed nothing."""
    return [
        (
            q.pk,
            q.position,
            q.text,
            q.answer,
            q.version,
            sorted(q.askers.values_list("pk", flat=True)),
            sorted(q.faq_entries.values_list("pk", flat=True)),
        )
        for q in prep.expected_questions.order_by("position")
    ]


@pytest.fixture
def other_prep(outsider, worksheet):
    return prep_create(owner=outsider, worksheet=worksheet, meeting_title="Theirs")


# --- services -------------------------------------------------------------------------------------------


def test_create_adds_at_the_end_with_askers_and_links(prep):
    chief = stakeholder_create(prep=prep, name="Chief")
    expected_question_create(prep=prep, text="First?")
    question = expected_question_create(
        prep=prep,
        text="Will cops still come?",
        answer="Yes, when needed.",
        askers=[chief.pk],
        faq_entries=[faq(prep, 4).pk],
    )
    assert texts(prep) == ["First?", "Will cops still come?"]
    assert (question.position, question.answer, question.version) == (1, "Yes, when needed.", 1)
    assert list(question.askers.all()) == [chief]
    assert list(question.faq_entries.all()) == [faq(prep, 4)]


def test_create_at_a_position_puts_a_question_there(prep):
    for text in ("A", "C"):
        expected_question_create(prep=prep, text=text)
    expected_question_create(prep=prep, text="B", position=1)
    assert texts(prep) == ["A", "B", "C"]
    assert list(prep.expected_questions.order_by("position").values_list("position", flat=True)) == [0, 1, 2]


def test_remove_then_restore_puts_the_very_question_back(prep, outsider):
    chief = stakeholder_create(prep=prep, name="Chief")
    for text in ("A", "C"):
        expected_question_create(prep=prep, text=text)
    b = expected_question_create(
        prep=prep, text="B", answer="Mine", askers=[chief.pk], faq_entries=[faq(prep, 3).pk], position=1
    )
    removal = expected_question_remove(prep=prep, expected_question_id=b.pk, by=prep.owner)
    assert (removal.kind, removal.label) == ("expected", "B")
    assert texts(prep) == ["A", "C"]
    assert list(prep.expected_questions.order_by("position").values_list("position", flat=True)) == [0, 1]
    back = expected_question_put_back(prep=prep, expected_question_id=b.pk, by=prep.owner)
    assert texts(prep) == ["A", "B", "C"]
    assert (back.pk, back.answer, back.version) == (b.pk, "Mine", b.version + 1)
    assert list(back.askers.all()) == [chief]
    assert list(back.faq_entries.all()) == [faq(prep, 3)]
    # Once only, and only for the one who removed it.
    assert expected_question_put_back(prep=prep, expected_question_id=b.pk, by=prep.owner) is None
    expected_question_remove(prep=prep, expected_question_id=b.pk, by=prep.owner)
    assert expected_question_put_back(prep=prep, expected_question_id=b.pk, by=outsider) is None
    assert texts(prep) == ["A", "C"]


@pytest.mark.parametrize(
    "fields",
    [
        {"text": ""},
        {"text": " \n "},
        {"text": "x" * (STAKEHOLDER_TEXT_MAX + 1)},
        {"answer": "x" * (STAKEHOLDER_TEXT_MAX + 1)},
        {"text": "nul\x00"},
        {"askers": ["not a number"]},
        {"faq_entries": [999999]},
    ],
    ids=["empty", "blank", "long-text", "long-answer", "nul", "bad-id", "unknown-faq"],
)
def test_create_refuses_bad_input_and_adds_nothing(prep, fields):
    with pytest.raises(ValidationError):
        expected_question_create(prep=prep, **{"text": "Fine?", **fields})
    assert not ExpectedQuestion.objects.exists()


def test_another_preps_person_cannot_ask_and_an_unpublished_entry_cannot_be_linked(prep, other_prep):
    theirs = stakeholder_create(prep=other_prep, name="Not on this roster")
    with pytest.raises(ValidationError, match="roster"):
        expected_question_create(prep=prep, text="Who pays?", askers=[theirs.pk])
    hidden = faq(prep, 8)
    hidden.is_published = False
    hidden.save()
    with pytest.raises(ValidationError, match="FAQ"):
        expected_question_create(prep=prep, text="Who pays?", faq_entries=[hidden.pk])
    assert not ExpectedQuestion.objects.exists()


def test_save_at_the_current_version_saves_every_field_and_raises_the_version(prep):
    chief, sam = stakeholder_create(prep=prep, name="Chief"), stakeholder_create(prep=prep, name="Sam")
    question = make_question(prep=prep, text="Old?", askers=[chief])
    result = expected_question_save(
        prep=prep,
        expected_question_id=question.pk,
        base_version=1,
        changes={"text": "New?", "answer": "Mine", "askers": [sam.pk], "faq_entries": [faq(prep, 6).pk]},
    )
    assert result.saved and result.row.version == 2
    question.refresh_from_db()
    assert (question.text, question.answer) == ("New?", "Mine")
    assert list(question.askers.all()) == [sam]
    assert list(question.faq_entries.all()) == [faq(prep, 6)]


def test_a_save_from_an_old_version_is_a_conflict_that_changes_nothing(prep):
    question = make_question(prep=prep, text="Theirs?", faq_entries=[faq(prep, 3)])
    expected_question_save(
        prep=prep, expected_question_id=question.pk, base_version=1, changes={"text": "Newer?"}
    )
    before = snapshot(prep)
    result = expected_question_save(
        prep=prep,
        expected_question_id=question.pk,
        base_version=1,
        changes={"text": "Mine?", "faq_entries": []},
    )
    assert not result.saved
    assert (result.row.text, result.row.version) == ("Newer?", 2)
    assert snapshot(prep) == before


def test_a_bad_field_in_a_save_changes_nothing_at_all(prep, other_prep):
    question = make_question(prep=prep, text="Q?")
    theirs = stakeholder_create(prep=other_prep, name="Theirs")
    before = snapshot(prep)
    with pytest.raises(ValidationError):
        expected_question_save(
            prep=prep,
            expected_question_id=question.pk,
            base_version=1,
            changes={"text": "Ok?", "askers": [theirs.pk]},
        )
    assert snapshot(prep) == before


def test_another_preps_question_cannot_be_saved_moved_or_removed(prep, other_prep):
    theirs = make_question(prep=other_prep, text="Theirs?")
    with pytest.raises(ExpectedQuestion.DoesNotExist):
        expected_question_save(
            prep=prep, expected_question_id=theirs.pk, base_version=1, changes={"text": "x"}
        )
    with pytest.raises(ExpectedQuestion.DoesNotExist):
        expected_question_move(prep=prep, expected_question_id=theirs.pk, to_position=1)
    with pytest.raises(ExpectedQuestion.DoesNotExist):
        expected_question_remove(prep=prep, expected_question_id=theirs.pk, by=prep.owner)
    assert texts(other_prep) == ["Theirs?"]


@pytest.mark.parametrize(
    ("name", "to_position", "expected"),
    [("A", -1, "ABC"), ("A", 1, "BAC"), ("C", 3, "ABC"), ("C", 1, "ACB"), ("B", 0, "BAC")],
)
def test_move_renumbers_and_stops_at_the_ends(prep, name, to_position, expected):
    for text in "ABC":
        make_question(prep=prep, text=text)
    question = prep.expected_questions.get(text=name)
    expected_question_move(prep=prep, expected_question_id=question.pk, to_position=to_position)
    assert "".join(texts(prep)) == expected
    assert list(prep.expected_questions.order_by("position").values_list("position", flat=True)) == [0, 1, 2]
    assert question.version == prep.expected_questions.get(pk=question.pk).version  # not a versioned change


def test_removing_a_person_takes_them_off_the_askers(prep):
    chief = stakeholder_create(prep=prep, name="Chief")
    question = make_question(prep=prep, text="Q?", askers=[chief])
    chief.delete()
    assert not question.askers.exists()


# --- the page's script: JSON ------------------------------------------------------------------------------


def save_url(prep, question) -> str:
    return reverse("expected_question_save", args=[prep.pk, question.pk])


def test_the_script_adds_a_question_and_gets_its_row(owner_client, prep):
    chief = stakeholder_create(prep=prep, name="Chief Dana Ortiz")
    response = owner_client.post(
        reverse("expected_question_create", args=[prep.pk]),
        {"text": "Will cops still have to show up?", "askers": [chief.pk], "faq_entries": [faq(prep, 4).pk]},
        **FETCH,
    )
    assert response.status_code == 200
    body = response.json()
    question = prep.expected_questions.get()
    assert (body["status"], body["id"], body["version"]) == ("saved", question.pk, 1)
    assert f'id="eq-{question.pk}"' in body["html"]
    assert "From the FAQ: Do alternative response teams replace police?" in body["html"]
    assert f'id="eq-{question.pk}-asker-{chief.pk}" value="{chief.pk}"' in body["html"]


def test_the_script_saves_text_and_links_on_the_rows_version(owner_client, prep):
    question = make_question(prep=prep, text="Old?")
    response = owner_client.post(save_url(prep, question), {"version": 1, "text": "New?"}, **FETCH)
    body = response.json()
    assert body.pop("saved_at")
    assert body == {
        "status": "saved",
        "version": 2,
        "text": "New?",
        "answer": "",
        "askers": [],
        "faq_entries": [],
    }
    response = owner_client.post(save_url(prep, question), {"version": 2, "faq_entries": [faq(prep, 6).pk]})
    body = response.json()
    assert (body["version"], body["faq_entries"]) == (3, [faq(prep, 6).pk])
    assert "From the FAQ: Does sending alternative responders increase" in body["linked_html"]
    assert "Sources" in body["linked_html"]
    # Unlink: the script sends one empty value for an empty list.
    response = owner_client.post(save_url(prep, question), {"version": 3, "faq_entries": ""})
    assert (response.json()["faq_entries"], response.json()["version"]) == ([], 4)
    assert not question.faq_entries.exists()


def test_a_stale_script_save_is_a_409_with_the_stored_fields(owner_client, prep):
    question = make_question(prep=prep, text="Old?", answer="Stored answer")
    owner_client.post(save_url(prep, question), {"version": 1, "text": "From the other window?"})
    before = snapshot(prep)
    response = owner_client.post(save_url(prep, question), {"version": 1, "text": "Mine?"}, **FETCH)
    assert response.status_code == 409
    body = response.json()
    assert body["status"] == "conflict" and body["message"]
    assert body["current"]["text"] == "From the other window?"
    assert body["current"]["answer"] == "Stored answer"
    assert body["current_version"] == 2
    assert body["changed_by"] is None
    assert body["changed_at"] == ExpectedQuestion.objects.get(pk=question.pk).updated_at.isoformat()
    assert snapshot(prep) == before


@pytest.mark.parametrize(
    "data",
    [
        {"text": "No version"},
        {"version": "x", "text": "Bad version"},
        {"version": 1, "text": ""},
        {"version": 1, "text": "x" * (STAKEHOLDER_TEXT_MAX + 1)},
        {"version": 1, "answer": "x" * (STAKEHOLDER_TEXT_MAX + 1)},
        {"version": 1, "faq_entries": 999999},
        {"version": 1, "faq_entries": "abc"},
        {"version": 1, "askers": "ASKER_OF_ANOTHER_PREP"},
        {"version": 1, "position": 3},
    ],
    ids=[
        "no-version",
        "bad-version",
        "empty",
        "long",
        "long-answer",
        "unknown-faq",
        "bad-id",
        "their-person",
        "unknown-field",
    ],
)
def test_bad_script_saves_are_a_400_that_changes_nothing(owner_client, prep, other_prep, data):
    theirs = stakeholder_create(prep=other_prep, name="Theirs")
    question = make_question(prep=prep, text="Kept?")
    data = {k: (theirs.pk if v == "ASKER_OF_ANOTHER_PREP" else v) for k, v in data.items()}
    before = snapshot(prep)
    response = owner_client.post(save_url(prep, question), data, **FETCH)
    assert response.status_code == 400
    assert response.json()["status"] == "invalid" and response.json()["message"]
    assert snapshot(prep) == before


@pytest.mark.parametrize(
    "data",
    [
        {"text": ""},
        {"text": "x" * (STAKEHOLDER_TEXT_MAX + 1)},
        {"text": "Q?", "faq_entries": 999999},
        {"text": "Q?", "position": "first"},
    ],
    ids=["empty", "long", "unknown-faq", "bad-position"],
)
def test_bad_script_adds_are_a_400_that_adds_nothing(owner_client, prep, data):
    response = owner_client.post(reverse("expected_question_create", args=[prep.pk]), data, **FETCH)
    assert response.status_code == 400
    assert response.json()["status"] == "invalid"
    assert not ExpectedQuestion.objects.exists()


def test_another_preps_question_is_a_404_through_this_prep(owner_client, prep, other_prep):
    theirs = make_question(prep=other_prep, text="Theirs?")
    for name in ("expected_question_save", "expected_question_move", "expected_question_remove"):
        response = owner_client.post(
            reverse(name, args=[prep.pk, theirs.pk]), {"version": 1, "text": "x", "direction": "up"}, **FETCH
        )
        assert response.status_code == 404, name
    assert snapshot(other_prep)[0][2:5] == ("Theirs?", "", 1)


def test_the_script_moves_and_gets_the_new_order(owner_client, prep):
    a, b = make_question(prep=prep, text="A"), make_question(prep=prep, text="B")
    url = reverse("expected_question_move", args=[prep.pk, b.pk])
    response = owner_client.post(url, {"direction": "up"}, **FETCH)
    assert response.json() == {"status": "saved", "order": [b.pk, a.pk], "position": 1}
    response = owner_client.post(url, {"direction": "sideways"}, **FETCH)
    assert response.status_code == 400 and texts(prep) == ["B", "A"]


def test_the_script_removes_and_can_put_it_back(owner_client, prep):
    chief = stakeholder_create(prep=prep, name="Chief")
    make_question(prep=prep, text="A")
    b = make_question(prep=prep, text="B", answer="Mine", askers=[chief], faq_entries=[faq(prep, 3)])
    make_question(prep=prep, text="C")
    response = owner_client.post(reverse("expected_question_remove", args=[prep.pk, b.pk]), **FETCH)
    undo_url = reverse("expected_question_undo", args=[prep.pk, b.pk])
    assert response.json() == {"status": "removed", "label": "B", "undo_url": undo_url}
    assert texts(prep) == ["A", "C"]
    response = owner_client.post(undo_url, **FETCH)
    assert response.json()["status"] == "restored" and f'id="eq-{b.pk}"' in response.json()["html"]
    assert texts(prep) == ["A", "B", "C"]
    back = prep.expected_questions.get(text="B")
    assert back.pk == b.pk
    assert (back.answer, list(back.askers.all()), list(back.faq_entries.all())) == (
        "Mine",
        [chief],
        [faq(prep, 3)],
    )


# --- without JavaScript -----------------------------------------------------------------------------------


def test_the_fill_page_lists_question_fours_questions_under_question_four(owner_client, prep):
    chief = stakeholder_create(prep=prep, name="Chief Dana Ortiz")
    question = make_question(
        prep=prep,
        text="Could the city get sued?",
        answer="Counsel reviewed it.",
        askers=[chief],
        faq_entries=[faq(prep, 6)],
    )
    html = owner_client.get(reverse("prep_fill", args=[prep.pk])).content.decode()
    start, end = html.index('id="question-4"'), html.index("save-bar")
    listed = html.index('id="expected-questions"')
    assert html.index('id="question-3"') < start < listed < end
    block = html[listed:end]
    for words in (
        "Could the city get sued?",
        "Counsel reviewed it.",
        "Chief Dana Ortiz",
        "From the FAQ: Does sending alternative responders increase my city",
        "Sources",
        reverse("expected_question_edit", args=[prep.pk, question.pk]),
        reverse("expected_question_remove", args=[prep.pk, question.pk]),
        reverse("expected_question_add", args=[prep.pk]),
        "js/expected_questions.js",
    ):
        assert words in block, words


def test_find_faq_answers_shows_suggestions_after_a_submit_and_saves_nothing(owner_client, prep):
    url = reverse("expected_question_add", args=[prep.pk])
    response = owner_client.post(url, {"text": "will cops still have to show up", "find": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    police = faq(prep, 4)
    assert f'name="faq_entries" value="{police.pk}"' in html
    assert html.index(police.question) < html.index("Are programs like this safe?")  # best first
    assert "Matched: cops" in html
    assert not ExpectedQuestion.objects.exists()


def test_add_without_javascript_links_the_ticked_answer(owner_client, prep):
    chief = stakeholder_create(prep=prep, name="Chief")
    response = owner_client.post(
        reverse("expected_question_add", args=[prep.pk]),
        {
            "text": "will cops still have to show up",
            "askers": [chief.pk],
            "answer": "Sometimes",
            "faq_entries": [faq(prep, 4).pk],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("prep_fill", args=[prep.pk]) + "#expected-questions"
    question = prep.expected_questions.get()
    assert (question.text, question.answer) == ("will cops still have to show up", "Sometimes")
    assert list(question.askers.all()) == [chief] and list(question.faq_entries.all()) == [faq(prep, 4)]


@pytest.mark.parametrize(
    "data",
    [
        {"text": ""},
        {"text": "x" * (STAKEHOLDER_TEXT_MAX + 1)},
        {"text": "Q?", "faq_entries": 999999},
        {"text": "Q?", "askers": "ASKER_OF_ANOTHER_PREP"},
    ],
    ids=["empty", "long", "unknown-faq", "their-person"],
)
def test_adding_bad_input_without_javascript_is_a_400_that_adds_nothing(owner_client, prep, other_prep, data):
    theirs = stakeholder_create(prep=other_prep, name="Theirs")
    data = {k: (theirs.pk if v == "ASKER_OF_ANOTHER_PREP" else v) for k, v in data.items()}
    response = owner_client.post(reverse("expected_question_add", args=[prep.pk]), data)
    assert response.status_code == 400
    assert "is-invalid" in response.content.decode() or "alert-danger" in response.content.decode()
    assert not ExpectedQuestion.objects.exists()


def edit_data(question, **changes) -> dict:
    return {
        "text": question.text,
        "answer": question.answer,
        "askers": [p.pk for p in question.askers.all()],
        "faq_entries": [e.pk for e in question.faq_entries.all()],
        "version": question.version,
        **changes,
    }


def test_edit_without_javascript_keeps_links_and_unlinks_the_unticked(owner_client, prep):
    question = make_question(prep=prep, text="Q?", faq_entries=[faq(prep, 3), faq(prep, 4)])
    url = reverse("expected_question_edit", args=[prep.pk, question.pk])
    page = owner_client.get(url).content.decode()
    assert page.count("checked") == 2 and "Linked:" in page
    response = owner_client.post(url, edit_data(question, answer="New", faq_entries=[faq(prep, 4).pk]))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer == "New" and list(question.faq_entries.all()) == [faq(prep, 4)]


def test_a_stale_edit_without_javascript_is_a_409_showing_both_texts(owner_client, prep):
    question = make_question(prep=prep, text="Q?")
    data = edit_data(question, text="Mine?")
    expected_question_save(
        prep=prep, expected_question_id=question.pk, base_version=1, changes={"text": "Theirs?"}
    )
    before = snapshot(prep)
    response = owner_client.post(reverse("expected_question_edit", args=[prep.pk, question.pk]), data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Mine?" in html and "The saved text is: “Theirs?”" in html
    assert 'name="version" value="2"' in html  # saving again keeps hers
    assert snapshot(prep) == before


def test_move_and_remove_without_javascript(owner_client, prep):
    a, b = make_question(prep=prep, text="A"), make_question(prep=prep, text="B")
    response = owner_client.post(reverse("expected_question_move", args=[prep.pk, b.pk]), {"direction": "up"})
    assert response.status_code == 302 and texts(prep) == ["B", "A"]
    assert "now question 1 of 2" in owner_client.get(response["Location"]).content.decode()
    url = reverse("expected_question_remove", args=[prep.pk, a.pk])
    assert "Remove this expected question?" in owner_client.get(url).content.decode()
    assert texts(prep) == ["B", "A"]
    response = owner_client.post(url)
    assert response.status_code == 302 and texts(prep) == ["B"]
    page = owner_client.get(response["Location"]).content.decode()
    assert "Removed “<bdi>A</bdi>” from your expected questions." in page
    undo_url = reverse("expected_question_undo", args=[prep.pk, a.pk])
    assert f'action="{undo_url}"' in page
    response = owner_client.post(undo_url)
    assert response["Location"].endswith(f"#eq-{a.pk}") and texts(prep) == ["B", "A"]
    assert "Removed “<bdi>A</bdi>”" not in owner_client.get(response["Location"]).content.decode()


# --- everywhere a prep goes -------------------------------------------------------------------------------


def test_duplicate_carries_the_list_with_askers_mapped_to_the_copys_people(prep):
    chief = stakeholder_create(prep=prep, name="Chief")
    make_question(prep=prep, text="A?", answer="Mine", askers=[chief], faq_entries=[faq(prep, 6)])
    make_question(prep=prep, text="B?")
    copy = prep_duplicate(prep=prep)
    assert texts(copy) == ["A?", "B?"]
    first = copy.expected_questions.get(text="A?")
    assert first.answer == "Mine"
    assert [p.name for p in first.askers.all()] == ["Chief"]
    assert first.askers.get().prep == copy  # the copy's person, not the original's
    assert list(first.faq_entries.all()) == [faq(prep, 6)]
    assert texts(prep) == ["A?", "B?"]  # the original keeps its own


def test_the_account_export_holds_the_list(owner_client, prep):
    chief = stakeholder_create(prep=prep, name="Chief")
    make_question(prep=prep, text="A?", answer="Mine", askers=[chief], faq_entries=[faq(prep, 6)])
    exported = json.loads(owner_client.get(reverse("account_export")).content)["meeting_preps"][0]
    (question,) = exported["expected_questions"]
    assert (question["text"], question["answer"], question["asked_by"]) == ("A?", "Mine", [chief.pk])
    assert question["faq_entries"] == [faq(prep, 6).question]


def test_deleting_the_prep_removes_its_list_and_links(prep):
    chief = stakeholder_create(prep=prep, name="Chief")
    make_question(prep=prep, text="A?", askers=[chief], faq_entries=[faq(prep, 6)])
    prep.delete()
    assert not ExpectedQuestion.objects.exists()
    assert not ExpectedQuestion.askers.through.objects.exists()
    assert not ExpectedQuestion.faq_entries.through.objects.exists()
    assert FAQEntry.objects.filter(pk=faq_pk(6)).exists()  # the FAQ itself stays


def faq_pk(position: int) -> int:
    return FAQEntry.objects.get(position=position).pk


@pytest.mark.parametrize("size", [4, 60])
def test_fill_page_and_row_views_query_the_same_for_4_and_60(
    owner_client, prep, size, django_assert_num_queries, settings
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    people = roster_fill(prep, size)
    entries = list(prep.worksheet.faq_entries.all())
    for n, person in enumerate(people):
        make_question(prep=prep, text=f"Question {n}?", askers=people[:3] + [person], faq_entries=entries[:2])
    question = prep.expected_questions.first()
    # session, user, prep + worksheet, the worksheet's content version and (its first read here) its content:
    # worksheet, questions, tip groups, tips, FAQ entries; answers, roster, expected questions, their askers,
    # their FAQ entries, comments, whether it is shared, this user's roster removals to undo, the work group's
    # people not on the roster yet, her removed comments to undo, the people asked for questions and what
    # they sent (asks)
    with django_assert_num_queries(21):
        assert owner_client.get(reverse("prep_fill", args=[prep.pk])).status_code == 200
    # session, user, prep, question + askers + FAQ entries; the askers and FAQ entries checked; savepoint,
    # conditional update, read back, set askers (select, delete), set FAQ entries (select, delete, insert),
    # prep's updated_at, read back with askers and FAQ entries, its newest revision, the one kept, release
    with django_assert_num_queries(23):
        response = owner_client.post(
            save_url(prep, question), {"version": 1, "faq_entries": [entries[3].pk], "askers": [people[1].pk]}
        )
    assert response.status_code == 200
    # session, user, prep, question + askers + FAQ entries, roster, published FAQ entries, the FAQ searched
    # for its text's suggestions
    with django_assert_num_queries(9):
        url = reverse("expected_question_edit", args=[prep.pk, question.pk])
        assert owner_client.get(url).status_code == 200
