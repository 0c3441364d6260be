"""A work group's people: each person entered once, invited to many meetings, each meeting keeping its own
notes; the directory, the person page and its engagement plan; who may see and change them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from briefs.selectors import brief_for_prep
from documents.registry import document_kind
from outcomes.series import series_next_create
from outcomes.services import outcome_ensure, outcome_row_add, outcome_row_save
from preps.models import EngagementPlan, Person, Stakeholder
from preps.selectors import (
    engagement_plans_for_notes,
    engagement_steps_due,
    invited_with_email,
    prep_with_content,
)
from preps.services import (
    engagement_plan_save,
    person_update,
    stakeholder_create,
    stakeholder_create_from_person,
    stakeholder_delete,
    stakeholder_restore,
    stakeholder_update,
)
from sharing.services import comment_add
from testsupport import factories


@pytest.fixture
def rivera(prep):
    """Chief Rivera on the first meeting's roster, entered there."""
    return stakeholder_create(
        prep=prep, name="Chief Rivera", role="Police chief", organisation="Springfield PD", kind="police"
    )


def test_adding_someone_new_to_a_roster_enters_them_once_in_the_group(prep, rivera):
    person = rivera.person
    assert (person.work_group_id, person.name, person.title, person.agency, person.kind) == (
        prep.work_group_id,
        "Chief Rivera",
        "Police chief",
        "Springfield PD",
        "police",
    )
    assert list(Person.objects.filter(work_group=prep.work_group)) == [person]


def test_the_next_meeting_invites_the_same_people_with_the_latest_notes(prep, rivera):
    stakeholder_update(
        prep=prep,
        stakeholder_id=rivera.pk,
        base_version=1,
        changes={"concerns": "Liability", "stance": "skeptical"},
    )
    second = series_next_create(prep=prep, meeting_date=datetime.date(2027, 3, 1))
    copy = Stakeholder.objects.get(prep=second)
    assert copy.person_id == rivera.person_id
    assert (copy.concerns, copy.stance) == ("Liability", "skeptical")
    stakeholder_update(prep=second, stakeholder_id=copy.pk, base_version=1, changes={"concerns": "Staffing"})
    assert Stakeholder.objects.get(pk=rivera.pk).concerns == "Liability"  # the first meeting reads as it was
    assert Person.objects.count() == 1


def test_a_person_from_the_directory_joins_a_roster_with_their_latest_notes(owner, prep, rivera):
    stakeholder_update(
        prep=prep, stakeholder_id=rivera.pk, base_version=1, changes={"what_matters": "Officer time"}
    )
    later = factories.prep_create(owner=owner, work_group=prep.work_group, meeting_title="Budget")
    entry = stakeholder_create_from_person(prep=later, person_id=rivera.person_id)
    assert (entry.person_id, entry.name, entry.role, entry.what_matters) == (
        rivera.person_id,
        "Chief Rivera",
        "Police chief",
        "Officer time",
    )
    with pytest.raises(ValidationError, match="on this roster already"):
        stakeholder_create_from_person(prep=later, person_id=rivera.person_id)


def test_only_the_groups_own_people_join_its_rosters(owner, prep, rivera):
    elsewhere = factories.prep_create(owner=owner, meeting_title="Another group")
    with pytest.raises(Person.DoesNotExist):
        stakeholder_create_from_person(prep=elsewhere, person_id=rivera.person_id)
    assert not Stakeholder.objects.filter(prep=elsewhere).exists()


def test_who_they_are_is_entered_once_from_the_roster_or_the_person_page(prep, rivera):
    second = series_next_create(prep=prep, meeting_date=datetime.date(2027, 3, 1))
    copy = Stakeholder.objects.get(prep=second)
    stakeholder_update(
        prep=second, stakeholder_id=copy.pk, base_version=1, changes={"name": "Chief A. Rivera"}
    )
    person = Person.objects.get(pk=rivera.person_id)
    assert person.name == "Chief A. Rivera"
    assert Stakeholder.objects.get(pk=rivera.pk).name == "Chief A. Rivera"
    result = person_update(
        person=person,
        base_version=person.version,
        changes={"agency": "Springfield Police", "email": "ar@example.org"},
    )
    assert result.saved
    assert set(Stakeholder.objects.values_list("organisation", flat=True)) == {"Springfield Police"}
    stale = person_update(person=person, base_version=1, changes={"phone": "555"})
    assert not stale.saved and stale.current == {"phone": ""}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "  "}, "Name: This field cannot be blank"),
        ({"email": "not an address"}, "E-mail: Enter a valid email"),
        ({"kind": "martian"}, "Kind"),
        ({"phone": "5" * 41}, "40"),
        ({"birthday": "x"}, "Not a field"),
    ],
)
def test_bad_person_details_are_refused_and_change_nothing(prep, rivera, changes, message):
    person = rivera.person
    with pytest.raises(ValidationError, match=message):
        person_update(person=person, base_version=person.version, changes=changes)
    assert Person.objects.get(pk=person.pk).version == person.version


def test_a_removed_person_comes_back_as_the_same_person(prep, rivera):
    removed = stakeholder_delete(prep=prep, stakeholder_id=rivera.pk)
    back = stakeholder_restore(prep=prep, removed=removed)
    assert back.person_id == rivera.person_id


def test_the_engagement_plan_saves_on_its_version_and_its_owner_is_on_the_team(owner, outsider, prep, rivera):
    person = rivera.person
    team = {owner.pk}
    saved = engagement_plan_save(
        person=person,
        base_version=1,
        changes={
            "approach": "Meet one to one",
            "next_step": "Coffee",
            "owner": str(owner.pk),
            "due": "2027-01-05",
        },
        team_ids=team,
        author=owner,
    )
    assert saved.saved and saved.version == 2
    plan = EngagementPlan.objects.get(person=person)
    assert (plan.owner_id, plan.due, plan.is_due) == (owner.pk, datetime.date(2027, 1, 5), True)
    with pytest.raises(ValidationError, match="on the team"):
        engagement_plan_save(
            person=person, base_version=2, changes={"owner": str(outsider.pk)}, team_ids=team
        )
    with pytest.raises(ValidationError, match="date"):
        engagement_plan_save(person=person, base_version=2, changes={"due": "soon"}, team_ids=team)
    stale = engagement_plan_save(person=person, base_version=1, changes={"next_step": "Call"}, team_ids=team)
    assert not stale.saved and stale.current == {"next_step": "Coffee"}
    assert [p.pk for p in engagement_steps_due(owner)] == [plan.pk]
    assert engagement_plans_for_notes(list(prep.stakeholders.all())) == [plan]
    engagement_plan_save(person=person, base_version=2, changes={"done": "yes"}, team_ids=team)
    assert engagement_steps_due(owner) == []


def test_the_calendar_lists_the_invited_people_with_an_address(prep, rivera):
    person_update(person=rivera.person, base_version=1, changes={"email": "rivera@example.org"})
    later = stakeholder_create(prep=prep, name="Later Lee", invite="later")
    person_update(person=later.person, base_version=1, changes={"email": "lee@example.org"})
    stakeholder_create(prep=prep, name="No Address")
    assert invited_with_email(prep) == [("Chief Rivera", "rivera@example.org")]


# Views


def test_the_directory_lists_the_groups_people_and_adds_one(client, owner, prep, rivera):
    client.force_login(owner)
    url = reverse("people_directory", args=[prep.work_group_id])
    page = client.get(url)
    assert page.status_code == 200 and "Chief Rivera" in page.content.decode()
    added = client.post(
        url, {"name": "Dana Cole", "title": "911 director", "kind": "911", "email": "dana@example.org"}
    )
    dana = Person.objects.get(name="Dana Cole")
    assert added.status_code == 302 and added["Location"] == reverse(
        "person_page", args=[prep.work_group_id, dana.pk]
    )
    refused = client.post(url, {"name": "Bad", "email": "nope"})
    assert refused.status_code == 400 and "e-mail" in refused.content.decode().lower()
    assert not Person.objects.filter(name="Bad").exists()


def test_the_roster_offers_the_groups_people_first(client, owner, prep, rivera):
    later = factories.prep_create(owner=owner, work_group=prep.work_group, meeting_title="Budget")
    client.force_login(owner)
    fill = client.get(reverse("prep_fill", args=[later.pk])).content.decode()
    assert "Add one of the work group’s people" in fill and "Chief Rivera" in fill
    added = client.post(
        reverse("stakeholder_add_from_directory", args=[later.pk]), {"person": rivera.person_id}
    )
    entry = Stakeholder.objects.get(prep=later)
    assert added.status_code == 302 and added["Location"].endswith(f"#person-{entry.pk}")
    again = client.post(
        reverse("stakeholder_add_from_directory", args=[later.pk]), {"person": rivera.person_id}
    )
    assert again.status_code == 400
    assert (
        client.post(reverse("stakeholder_add_from_directory", args=[later.pk]), {"person": "x"}).status_code
        == 400
    )
    assert (
        "Add one of the work group’s people"
        not in client.get(reverse("prep_fill", args=[later.pk])).content.decode()
    )


def test_the_person_page_shows_them_across_the_meetings_she_may_open(client, owner, prep, rivera):
    reader = factories.user_create("lee")
    stakeholder_update(
        prep=prep, stakeholder_id=rivera.pk, base_version=1, changes={"concerns": "Liability first"}
    )
    outcome = outcome_ensure(prep=prep)
    change = outcome.stance_changes.get()
    outcome_row_save(
        prep=prep,
        kind_name="stance",
        row_id=change.pk,
        base_version=change.version,
        changes={"stance": "supportive", "note": "Liked the pilot data"},
    )
    outcome_row_add(
        prep=prep, kind_name="commitment", changes={"what": "Send call data", "owner_person": str(rivera.pk)}
    )
    comment_add(prep=prep, author=owner, text="Prefers mornings", stakeholder_id=rivera.pk)
    second = series_next_create(
        prep=prep, meeting_date=datetime.date(2027, 3, 1), meeting_title="Second meeting"
    )
    entry = Stakeholder.objects.get(prep=second)
    stakeholder_update(
        prep=second, stakeholder_id=entry.pk, base_version=1, changes={"concerns": "Overtime budget"}
    )
    factories.share_create(prep=second, user=reader, role="viewer")
    url = reverse("person_page", args=[prep.work_group_id, rivera.person_id])

    client.force_login(owner)
    page = client.get(url).content.decode()
    for words in (
        "Liability first",
        "Overtime budget",
        "Liked the pilot data",
        "Send call data",
        "Prefers mornings",
    ):
        assert words in page
    assert page.index("Liability first") < page.index("Overtime budget")

    client.force_login(reader)
    page = client.get(url).content.decode()
    assert "Overtime budget" in page and "Second meeting" in page
    for words in ("Liability first", "Liked the pilot data", "Send call data", "Prefers mornings"):
        assert words not in page  # meeting 1 is not hers to open
    assert 'name="approach"' not in page  # a viewer reads the plan
    save = reverse("engagement_plan_save", args=[prep.work_group_id, rivera.person_id])
    assert client.post(save, {"version": 1, "approach": "x"}).status_code == 403


def test_outsiders_and_other_groups_get_a_404(client, owner, outsider, prep, rivera):
    url = reverse("person_page", args=[prep.work_group_id, rivera.person_id])
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.get(reverse("people_directory", args=[prep.work_group_id])).status_code == 404
    theirs = factories.prep_create(owner=outsider, meeting_title="Theirs")
    client.force_login(owner)
    assert (
        client.get(reverse("person_page", args=[theirs.work_group_id, rivera.person_id])).status_code == 404
    )
    mine_elsewhere = factories.prep_create(owner=owner, meeting_title="Elsewhere")
    assert (
        client.get(reverse("person_page", args=[mine_elsewhere.work_group_id, rivera.person_id])).status_code
        == 404
    )


def test_the_plan_saves_as_every_row_does(client, owner, prep, rivera):
    client.force_login(owner)
    save = reverse("engagement_plan_save", args=[prep.work_group_id, rivera.person_id])
    json = {"HTTP_X_REQUESTED_WITH": "fetch"}
    saved = client.post(save, {"version": 1, "next_step": "Ride-along", "due": "2027-02-01"}, **json)
    assert saved.status_code == 200 and saved.json()["version"] == 2
    conflict = client.post(save, {"version": 1, "next_step": "Other"}, **json)
    assert conflict.status_code == 409 and conflict.json()["current"] == {"next_step": "Ride-along"}
    bad = client.post(save, {"version": 2, "due": "tomorrow"}, **json)
    assert bad.status_code == 400 and "date" in bad.json()["message"]
    assert client.post(save, {"version": "x"}, **json).status_code == 400
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Ride-along" in dashboard and "People’s next steps due" in dashboard
    plain = client.post(save, {"version": 2, "nojs": "1", "next_step": "Ride-along", "due": "2027-02-01"})
    assert plain.status_code == 302 and EngagementPlan.objects.get().done is False


def test_the_plan_is_in_the_private_notes_and_never_in_the_brief(owner, prep, rivera):
    engagement_plan_save(
        person=rivera.person,
        base_version=1,
        changes={"approach": "Quietly build trust", "next_step": "Coffee at 8"},
        team_ids={owner.pk},
    )
    content = prep_with_content(prep)
    subjects = {"notes": content, "brief": brief_for_prep(content)}
    rendered = {}
    for name, subject in subjects.items():
        kind = document_kind(name)
        rendered[name] = render_to_string(kind.template, kind.context(subject))
    assert "Quietly build trust" in rendered["notes"] and "Coffee at 8" in rendered["notes"]
    assert "Engagement plans" in rendered["notes"]
    assert "Quietly build trust" not in rendered["brief"] and "Coffee at 8" not in rendered["brief"]
