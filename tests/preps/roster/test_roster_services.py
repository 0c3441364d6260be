"""The stakeholder roster's foundation: the services (add, save one field on its version, remove, reorder),
their refusals, progress counting questions 2 and 3 from per-person fields (the same in SQL and Python), and
the roster going everywhere a prep goes (duplicate, export, deletion)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.selectors import account_export
from accounts.services import account_delete
from core.ordered import RowsFull
from preps import services
from preps.models import Answer, ExpectedQuestion, MeetingPrep, Stakeholder
from preps.models.roster import ROSTER_MAX_PEOPLE, STAKEHOLDER_TEXT_MAX
from preps.selectors import prep_answered_count, prep_with_content, preps_for_dashboard
from testsupport.factories import (
    answer_create,
    expected_question_create,
    prep_create,
    roster_fill,
    stakeholder_create,
    user_create,
)

pytestmark = pytest.mark.django_db


def roster_names(prep) -> list[str]:
    return [person.name for person in prep_with_content(prep).stakeholders]


def progress_everywhere(prep) -> dict[str, int]:
    return {
        "dashboard (SQL)": preps_for_dashboard(prep.owner).get(pk=prep.pk).answered_count,
        "autosave (SQL)": prep_answered_count(prep),
        "fill page": prep_with_content(prep).answered_count,
    }


# Adding people


def test_create_adds_people_at_the_end_in_order(prep):
    for name in ["Chief Alvarez", "Dispatch Director Kim", "Council Member Osei"]:
        services.stakeholder_create(prep=prep, name=name, kind="police", invite="later")
    assert roster_names(prep) == ["Chief Alvarez", "Dispatch Director Kim", "Council Member Osei"]
    people = prep_with_content(prep).stakeholders
    assert [p.position for p in people] == [0, 1, 2]
    assert {(p.kind, p.invite, p.version) for p in people} == {("police", "later", 1)}


def test_create_keeps_every_field(prep):
    person = services.stakeholder_create(
        prep=prep,
        name="  Dana Ruiz ",
        role="Deputy Chief",
        organisation="Springfield Fire",
        kind="fire",
        invite="informed",
        expertise="EMS run data",
        what_matters="Turnout times",
        concerns="Crew safety",
        influence="high",
        stance="skeptical",
    )
    person.refresh_from_db()
    assert (person.name, person.role, person.organisation) == (
        "Dana Ruiz",
        "Deputy Chief",
        "Springfield Fire",
    )
    assert (person.kind, person.invite, person.influence, person.stance) == (
        "fire",
        "informed",
        "high",
        "skeptical",
    )
    assert (person.expertise, person.what_matters, person.concerns) == (
        "EMS run data",
        "Turnout times",
        "Crew safety",
    )


def test_the_defaults_are_other_invite_and_unrated(prep):
    person = services.stakeholder_create(prep=prep, name="Someone")
    assert (person.kind, person.invite, person.influence, person.stance) == ("other", "invite", "", "")


@pytest.mark.parametrize(
    "fields",
    [
        {"name": ""},
        {"name": " \u00a0\u200b "},
        {"name": "A", "kind": "sheriff"},
        {"name": "A", "invite": "maybe"},
        {"name": "A", "influence": "huge"},
        {"name": "A", "stance": "hostile"},
        {"name": "x" * 201},
        {"name": "A", "concerns": "x" * (STAKEHOLDER_TEXT_MAX + 1)},
        {"name": "A", "expertise": "nul \x00 byte"},
        {"name": "A", "prep_id": "7"},
        {"name": "A", "version": "9"},
    ],
    ids=lambda fields: ",".join(f"{k}={v[:12]!r}" for k, v in fields.items()),
)
def test_create_refuses_bad_input_and_changes_nothing(prep, fields):
    with pytest.raises(ValidationError):
        services.stakeholder_create(prep=prep, **fields)
    assert not Stakeholder.objects.exists()


def test_a_prep_holds_sixty_people_and_stops_at_the_cap(prep):
    for n in range(60):
        services.stakeholder_create(prep=prep, name=f"Person {n}")
    assert roster_names(prep) == [f"Person {n}" for n in range(60)]
    roster_fill(prep, ROSTER_MAX_PEOPLE - 60)
    with pytest.raises(RowsFull):
        services.stakeholder_create(prep=prep, name="One too many")
    assert prep.stakeholders.count() == ROSTER_MAX_PEOPLE


# Saving one field on its version


def test_save_at_the_current_version_saves_and_raises_the_version(prep):
    person = stakeholder_create(prep=prep, name="Chief Alvarez")
    result = services.stakeholder_update(
        prep=prep, stakeholder_id=person.pk, changes={"expertise": "Use-of-force data"}, base_version=1
    )
    assert result.saved
    assert (result.row.expertise, result.row.version) == ("Use-of-force data", 2)


def test_a_save_from_an_old_version_is_a_conflict_that_changes_nothing(prep):
    person = stakeholder_create(prep=prep, name="Chief Alvarez")
    first = services.stakeholder_update(
        prep=prep, stakeholder_id=person.pk, changes={"concerns": "Window A"}, base_version=1
    )
    second = services.stakeholder_update(
        prep=prep, stakeholder_id=person.pk, changes={"concerns": "Window B"}, base_version=1
    )
    assert first.saved and not second.saved
    assert second.row.concerns == "Window A"
    person.refresh_from_db()
    assert (person.concerns, person.version) == ("Window A", 2)


def test_a_conflict_on_one_field_tells_of_any_change_to_the_row(prep):
    """One version per row: another window's change to any field makes a stale save of another field wait."""
    person = stakeholder_create(prep=prep, name="Chief Alvarez")
    services.stakeholder_update(
        prep=prep, stakeholder_id=person.pk, changes={"stance": "neutral"}, base_version=1
    )
    result = services.stakeholder_update(
        prep=prep, stakeholder_id=person.pk, changes={"role": "Chief"}, base_version=1
    )
    assert not result.saved
    assert (result.row.role, result.row.stance) == ("", "neutral")


def test_a_save_touches_the_prep(prep):
    before = MeetingPrep.objects.get(pk=prep.pk).updated_at
    person = stakeholder_create(prep=prep, name="A")
    services.stakeholder_update(prep=prep, stakeholder_id=person.pk, changes={"name": "B"}, base_version=1)
    assert MeetingPrep.objects.get(pk=prep.pk).updated_at > before


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("influence", "extreme"),
        ("stance", "Opposed"),  # the stored value, not the label
        ("kind", ""),
        ("name", "   "),
        ("what_matters", "x" * (STAKEHOLDER_TEXT_MAX + 1)),
        ("prep_id", "1"),
        ("version", "99"),
        ("position", "0"),
        ("updated_at", "2020-01-01"),
    ],
)
def test_save_refuses_bad_fields_and_values(prep, field, text):
    person = stakeholder_create(prep=prep, name="Chief Alvarez", stance="neutral", kind="police")
    with pytest.raises(ValidationError):
        services.stakeholder_update(
            prep=prep, stakeholder_id=person.pk, changes={field: text}, base_version=1
        )
    person.refresh_from_db()
    assert (person.name, person.stance, person.kind, person.version) == (
        "Chief Alvarez",
        "neutral",
        "police",
        1,
    )


def test_another_preps_person_cannot_be_saved_moved_or_deleted(prep, outsider):
    theirs = stakeholder_create(prep=prep_create(owner=outsider), name="Their person")
    for write in (
        lambda: services.stakeholder_update(
            prep=prep, stakeholder_id=theirs.pk, changes={"name": "Mine now"}, base_version=1
        ),
        lambda: services.stakeholder_move(prep=prep, stakeholder_id=theirs.pk, to_position=0),
        lambda: services.stakeholder_remove(prep=prep, stakeholder_id=theirs.pk, by=outsider),
    ):
        with pytest.raises(Stakeholder.DoesNotExist):
            write()
    theirs.refresh_from_db()
    assert (theirs.name, theirs.version) == ("Their person", 1)


def test_an_unknown_person_is_does_not_exist(prep):
    with pytest.raises(Stakeholder.DoesNotExist):
        services.stakeholder_update(prep=prep, stakeholder_id=987654, changes={"name": "X"}, base_version=1)


# Removing and reordering


def test_delete_removes_the_person_and_their_askings(prep):
    a, b = roster_fill(prep, 2)
    question = expected_question_create(prep=prep, text="Who pays?", askers=[a, b])
    removed = services.stakeholder_remove(prep=prep, stakeholder_id=a.pk, by=prep.owner)
    assert removed.label == "Person 1"
    assert roster_names(prep) == ["Person 2"]
    assert list(question.askers.all()) == [b]


@pytest.mark.parametrize(
    ("to_position", "expected"),
    [
        (0, ["D", "A", "B", "C", "E"]),
        (1, ["A", "D", "B", "C", "E"]),
        (3, ["A", "B", "C", "D", "E"]),
        (4, ["A", "B", "C", "E", "D"]),
        (99, ["A", "B", "C", "E", "D"]),
        (-5, ["D", "A", "B", "C", "E"]),
    ],
)
def test_move_reorders_and_renumbers(prep, to_position, expected):
    people = {name: stakeholder_create(prep=prep, name=name) for name in "ABCDE"}
    services.stakeholder_move(prep=prep, stakeholder_id=people["D"].pk, to_position=to_position)
    assert roster_names(prep) == expected
    assert [p.position for p in prep_with_content(prep).stakeholders] == [0, 1, 2, 3, 4]


def test_move_after_a_removal_closes_the_gap(prep):
    people = {name: stakeholder_create(prep=prep, name=name) for name in "ABC"}
    services.stakeholder_remove(prep=prep, stakeholder_id=people["A"].pk, by=prep.owner)
    services.stakeholder_move(prep=prep, stakeholder_id=people["C"].pk, to_position=0)
    assert [(p.name, p.position) for p in prep_with_content(prep).stakeholders] == [("C", 0), ("B", 1)]


def test_moving_does_not_make_another_windows_text_edit_conflict(prep):
    a, b = roster_fill(prep, 2)
    services.stakeholder_move(prep=prep, stakeholder_id=b.pk, to_position=0)
    result = services.stakeholder_update(
        prep=prep, stakeholder_id=a.pk, changes={"role": "Chief"}, base_version=1
    )
    assert result.saved


def test_new_people_go_after_a_reordered_roster(prep):
    people = {name: stakeholder_create(prep=prep, name=name) for name in "AB"}
    services.stakeholder_move(prep=prep, stakeholder_id=people["B"].pk, to_position=0)
    services.stakeholder_create(prep=prep, name="C")
    assert roster_names(prep) == ["B", "A", "C"]


# The answers still save through the same versioned update


def test_answers_still_save_and_conflict_through_the_shared_helper(prep):
    question = prep.worksheet.questions.get(position=1)
    assert services.answer_save(prep=prep, question=question, text="One", base_version=0).saved
    stale = services.answer_save(prep=prep, question=question, text="Two", base_version=0)
    assert not stale.saved and stale.row.text == "One"
    assert Answer.objects.get(prep=prep, question=question).version == 1


# Progress: questions 2 and 3 answered by any person's fields


BLANKS = ["", "   ", "\u00a0\u2003", "\u200b\ufeff", "\n\t"]


@pytest.mark.parametrize("blank", BLANKS)
def test_blank_per_person_fields_do_not_count(prep, blank):
    roster_fill(prep, 3, expertise=blank, what_matters=blank, concerns=blank)
    assert set(progress_everywhere(prep).values()) == {0}


@pytest.mark.parametrize(
    ("fields", "answered"),
    [
        ({"expertise": "Call data"}, 1),
        ({"what_matters": "Response times"}, 1),
        ({"concerns": "Liability"}, 1),
        ({"what_matters": "Response times", "concerns": "Liability"}, 1),
        ({"expertise": "Call data", "concerns": "Liability"}, 2),
        # A name, role or rating is question 1's or the power map's, not question 2 or 3's words.
        ({"role": "Chief", "organisation": "PD", "influence": "high", "stance": "champion"}, 0),
    ],
)
def test_per_person_fields_count_their_question(prep, fields, answered):
    stakeholder_create(prep=prep, name="Blank one")
    stakeholder_create(prep=prep, name="Filled one", **fields)
    assert set(progress_everywhere(prep).values()) == {answered}


def test_free_text_and_per_person_fields_count_a_question_once(prep):
    answer_create(prep=prep, question=2, text="Free text for question 2")
    answer_create(prep=prep, question=1, text="Free text for question 1")
    roster_fill(prep, 60)  # everyone has words in questions 2 and 3
    assert set(progress_everywhere(prep).values()) == {3}


def test_another_preps_roster_does_not_count(prep, outsider):
    roster_fill(prep_create(owner=outsider), 2)
    assert set(progress_everywhere(prep).values()) == {0}


def test_the_dashboard_counts_each_prep_on_its_own(prep):
    other = prep_create(owner=prep.owner, meeting_title="Second")
    roster_fill(other, 4, what_matters="")
    counts = {p.pk: p.answered_count for p in preps_for_dashboard(prep.owner)}
    assert counts == {prep.pk: 0, other.pk: 1}


def test_the_fill_page_shows_the_roster_progress(owner_client, prep):
    roster_fill(prep, 2, what_matters="")
    response = owner_client.get(reverse("prep_fill", args=[prep.pk]))
    assert response.context["answered_count"] == 1


# Everywhere a prep goes


def full_roster(prep):
    chief, dispatch = (
        stakeholder_create(
            prep=prep,
            name="Chief Alvarez",
            kind="police",
            influence="high",
            stance="skeptical",
            expertise="Data",
        ),
        stakeholder_create(prep=prep, name="Director Kim", kind="911", invite="later", concerns="Staffing"),
    )
    entry = prep.worksheet.faq_entries.order_by("position").first()
    expected_question_create(
        prep=prep, text="Who is liable?", answer="The city.", askers=[chief], faq_entries=[entry]
    )
    expected_question_create(prep=prep, text="How are calls routed?", askers=[chief, dispatch])
    return chief, dispatch, entry


def test_duplicate_copies_the_roster_ratings_and_question_four(prep):
    chief, dispatch, entry = full_roster(prep)
    services.stakeholder_move(prep=prep, stakeholder_id=dispatch.pk, to_position=0)
    copy = prep_with_content(services.prep_duplicate(prep=prep))
    assert [
        (p.name, p.kind, p.invite, p.influence, p.stance, p.expertise, p.concerns, p.position)
        for p in copy.stakeholders
    ] == [
        ("Director Kim", "911", "later", "", "", "", "Staffing", 0),
        ("Chief Alvarez", "police", "invite", "high", "skeptical", "Data", "", 1),
    ]
    assert {p.pk for p in copy.stakeholders}.isdisjoint({chief.pk, dispatch.pk})
    questions = copy.expected_questions
    assert [(q.text, q.answer) for q in questions] == [
        ("Who is liable?", "The city."),
        ("How are calls routed?", ""),
    ]
    copied = {p.name: p for p in copy.stakeholders}
    # The askers are the copy's own people, not the original's.
    assert list(questions[0].askers.all()) == [copied["Chief Alvarez"]]
    assert set(questions[1].askers.all()) == set(copy.stakeholders)
    assert list(questions[0].faq_entries.all()) == [entry]
    # The original is untouched.
    assert roster_names(prep) == ["Director Kim", "Chief Alvarez"]
    assert list(ExpectedQuestion.objects.get(prep=prep, position=0).askers.all()) == [chief]


def test_duplicating_a_prep_without_a_roster_still_works(prep):
    copy = services.prep_duplicate(prep=prep)
    assert not copy.stakeholders.exists() and not copy.expected_questions.exists()


def test_the_export_includes_the_roster_and_question_four(prep):
    chief, dispatch, entry = full_roster(prep)
    exported = account_export(prep.owner)["meeting_preps"][0]
    assert [(p["name"], p["kind"], p["influence"], p["stance"]) for p in exported["stakeholders"]] == [
        ("Chief Alvarez", "police", "high", "skeptical"),
        ("Director Kim", "911", "", ""),
    ]
    assert exported["stakeholders"][1]["concerns"] == "Staffing"
    assert exported["expected_questions"][0] == {
        "position": 0,
        "text": "Who is liable?",
        "answer": "The city.",
        "asked_by": [chief.pk],
        "faq_entries": [entry.question],
        "version": 1,
        "updated_at": exported["expected_questions"][0]["updated_at"],
    }
    assert exported["expected_questions"][1]["asked_by"] == [chief.pk, dispatch.pk]
    ids = {p["id"] for p in exported["stakeholders"]}
    assert ids == {chief.pk, dispatch.pk}


def test_the_export_holds_only_the_users_own_roster(prep, outsider):
    full_roster(prep_create(owner=outsider))
    assert account_export(prep.owner)["meeting_preps"][0]["stakeholders"] == []


def test_deleting_the_prep_or_the_account_removes_the_roster(prep, owner):
    full_roster(prep)
    kept = prep_create(owner=user_create("keeper"))
    full_roster(kept)
    services.prep_delete(prep=prep)
    assert set(Stakeholder.objects.values_list("prep", flat=True)) == {kept.pk}
    second = prep_create(owner=owner)
    full_roster(second)
    account_delete(user=owner)
    assert set(Stakeholder.objects.values_list("prep", flat=True)) == {kept.pk}
    assert set(ExpectedQuestion.objects.values_list("prep", flat=True)) == {kept.pk}
    Through = ExpectedQuestion.askers.through
    assert set(Through.objects.values_list("expectedquestion__prep", flat=True)) == {kept.pk}


def test_the_roster_is_not_in_the_admin():
    from django.contrib import admin

    assert Stakeholder not in admin.site._registry
    assert ExpectedQuestion not in admin.site._registry


@pytest.mark.parametrize("field", ["kind", "invite", "influence", "stance"])
def test_rating_labels_are_the_choices_labels(field):
    """The model's own get_FOO_display (faster than Django's) shows each choice's label, and a value that
    is not a choice as itself, as Django's does."""
    display = f"get_{field}_display"
    choices = Stakeholder._meta.get_field(field).flatchoices
    assert len(choices) >= 3
    for value, label in choices:
        assert getattr(Stakeholder(**{field: value}), display)() == str(label)
    assert getattr(Stakeholder(**{field: "no-such-value"}), display)() == "no-such-value"
