"""A **WorkGroup**: the stakeholders' group a director meets again and again ("Public Safety Work
Group"), the unit her meeting preps belong to. Every meeting prep is one meeting of one work group; a one-off
meeting is a group of one. Its time zone is where its meetings happen: their times are read and shown in it.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.dateformat import time_format

from core.text import TypedTextModel

from .access import Role

WORK_GROUP_NAME_MAX = 200


def validate_time_zone(name: str) -> None:
    """An IANA time zone name this deployment knows ("America/Chicago")."""
    from accounts.time_zones import time_zone_names  # noqa: PLC0415 - models load before the accounts helpers

    if name not in time_zone_names():
        raise ValidationError(
            f"“{name}” is not a time zone we know. Choose one from the list.", code="time_zone"
        )


class WorkGroup(TypedTextModel, models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_groups")
    name = models.CharField(max_length=WORK_GROUP_NAME_MAX)
    program_name = models.CharField(max_length=200, blank=True)
    jurisdiction = models.CharField("city or jurisdiction", max_length=200, blank=True)
    time_zone = models.CharField(
        max_length=64,
        validators=[validate_time_zone],
        help_text="Where its meetings happen: their times are read and shown in it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "work group"

    def __str__(self) -> str:
        # Not the name, as MeetingPrep: generic screens must not show a user's private group to anyone else.
        return f"Work group {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("work_group", args=[self.pk])

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def moment(self, day: datetime.date, at: datetime.time) -> datetime.datetime:
        """The meeting's start as a moment: ``at`` on ``day`` where the group meets."""
        return datetime.datetime.combine(day, at, tzinfo=self.zone)

    def zone_abbreviation(self, day: datetime.date | None = None) -> str:
        """The zone's short name on ``day`` (today where the group meets if None): "CST", "CDT", or an
        offset such as "-03" where the zone has no letters."""
        day = day or datetime.datetime.now(self.zone).date()
        return self.moment(day, datetime.time(12)).tzname() or self.time_zone

    def time_text(self, day: datetime.date | None, start: datetime.time) -> str:
        """A meeting's start as everyone reads it: "9:30 a.m. CST" (its zone that day, today if undated)."""
        return f"{time_format(start, 'P')} {self.zone_abbreviation(day)}"

    def today(self) -> datetime.date:
        """Today's date where the group meets (a meeting has passed, the next meeting)."""
        return datetime.datetime.now(self.zone).date()


class WorkGroupMembership(models.Model):
    """A colleague on the group's team: she opens every meeting of the group with ``role``. Her access to one
    meeting is the higher of this role and any ``Share`` of that meeting (``preps.selectors.prep_access``)."""

    group = models.ForeignKey(WorkGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_group_memberships"
    )
    role = models.CharField(max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="work_group_one_membership")]

    def __str__(self) -> str:
        return f"Membership of user {self.user_id} in work group {self.group_id}"
