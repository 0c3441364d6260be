"""Every existing meeting prep into a work group: each series (a first meeting and the meetings prepared from
it) becomes one group, named after its first meeting, with its program and city; a meeting alone becomes a
group of one. The group's time zone is its owner's chosen one, else the deployment's ``TIME_ZONE``.

Nothing else changes: no answer, roster, comment, revision or share is touched, so per-meeting invitations
stay per meeting and nobody can open a meeting she could not open before."""

from django.conf import settings
from django.db import migrations

BATCH = 500


def preps_into_groups(apps, schema_editor):
    MeetingPrep = apps.get_model("preps", "MeetingPrep")
    WorkGroup = apps.get_model("preps", "WorkGroup")
    TimeZonePreference = apps.get_model("accounts", "TimeZonePreference")
    alias = schema_editor.connection.alias

    zones = dict(TimeZonePreference.objects.using(alias).values_list("user_id", "time_zone"))
    preps = MeetingPrep.objects.using(alias)
    # A member whose first meeting was deleted (SET_NULL left its series_root blank) starts its own group.
    firsts = preps.filter(series_root__isnull=True, work_group__isnull=True).order_by("pk")
    for first in firsts.iterator(chunk_size=BATCH):
        group = WorkGroup.objects.using(alias).create(
            owner_id=first.owner_id,
            name=first.meeting_title,
            program_name=first.program_name,
            jurisdiction=first.jurisdiction,
            time_zone=zones.get(first.owner_id) or settings.TIME_ZONE,
        )
        preps.filter(pk=first.pk).update(work_group=group)
        # update() leaves updated_at alone: "last edited" stays what it was.
        preps.filter(series_root_id=first.pk).update(work_group=group)


def groups_out(apps, schema_editor):
    """Back to before: the field and the table go with 0009's reversal; nothing to undo row by row."""


class Migration(migrations.Migration):
    dependencies = [
        ("preps", "0009_work_group"),
        ("accounts", "0002_time_zone_preference"),
    ]

    operations = [migrations.RunPython(preps_into_groups, groups_out)]
