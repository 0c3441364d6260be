"""Work groups: every meeting prep is a meeting of one, made with it and kept in it when copied."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from accounts.services import time_zone_set
from outcomes.series import series_next_create
from preps.models import WorkGroup
from preps.services import prep_create, prep_duplicate, work_group_create, work_group_update
from testsupport import factories


def test_a_new_meeting_prep_starts_a_group_of_one_in_the_owners_time_zone(owner, worksheet):
    time_zone_set(user=owner, name="America/Chicago")
    prep = prep_create(
        owner=owner,
        worksheet=worksheet,
        meeting_title="Public Safety Work Group",
        program_name="CARE Team",
        jurisdiction="Springfield, Illinois",
    )
    group = prep.work_group
    assert (group.owner, group.name, group.program_name, group.jurisdiction, group.time_zone) == (
        owner,
        "Public Safety Work Group",
        "CARE Team",
        "Springfield, Illinois",
        "America/Chicago",
    )
    assert list(group.meetings.all()) == [prep]


def test_without_a_chosen_time_zone_the_group_has_the_deployments_or_the_one_given(
    owner, worksheet, settings
):
    settings.TIME_ZONE = "America/New_York"
    assert prep_create(owner=owner, worksheet=worksheet, meeting_title="A").work_group.time_zone == (
        "America/New_York"
    )
    given = prep_create(owner=owner, worksheet=worksheet, meeting_title="B", time_zone="America/Denver")
    assert given.work_group.time_zone == "America/Denver"


def test_a_meeting_prep_joins_an_existing_group_of_its_owner(owner, outsider, worksheet):
    group = work_group_create(owner=owner, name="Public Safety Work Group", time_zone="America/Chicago")
    first = prep_create(owner=owner, worksheet=worksheet, work_group=group, meeting_title="First")
    second = prep_create(owner=owner, worksheet=worksheet, work_group=group, meeting_title="Second")
    assert {first.work_group_id, second.work_group_id} == {group.pk}
    with pytest.raises(ValidationError, match="your own work groups"):
        prep_create(owner=outsider, worksheet=worksheet, work_group=group, meeting_title="Not hers")
    assert WorkGroup.objects.count() == 1 and group.meetings.count() == 2


def test_copies_and_the_next_meeting_stay_in_the_same_group(prep):
    copy = prep_duplicate(prep=prep)
    nxt = series_next_create(prep=prep, meeting_date=datetime.date(2027, 3, 1))
    assert copy.work_group_id == nxt.work_group_id == prep.work_group_id
    assert WorkGroup.objects.count() == 1


@pytest.mark.parametrize(
    ("details", "field"),
    [
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone"),
        ({"time_zone": ""}, "time_zone"),
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "Bad \x00 name"}, "name"),
    ],
)
def test_bad_group_details_are_refused_and_nothing_changes(owner, details, field):
    group = factories.work_group_create(owner=owner)
    with pytest.raises(ValidationError) as refused:
        work_group_update(group=group, **details)
    assert field in refused.value.message_dict
    group.refresh_from_db()
    assert (group.name, group.time_zone) == ("Public Safety Work Group", "America/Chicago")


def test_a_group_is_renamed_and_moved_to_another_time_zone(owner):
    group = factories.work_group_create(owner=owner)
    work_group_update(group=group, name="Crisis Response Work Group", time_zone="America/Denver")
    group.refresh_from_db()
    assert (group.name, group.time_zone) == ("Crisis Response Work Group", "America/Denver")
    with pytest.raises(TypeError):
        work_group_update(group=group, owner_id=1)


def test_deleting_the_owner_deletes_her_groups_and_their_meetings(owner, prep):
    owner.delete()
    assert not WorkGroup.objects.exists()
