"""A work group's team: the owner invites a colleague to the group; she opens every meeting of it, those to
come too, with the higher of her team role and any role on a single meeting; off the team she keeps only the
meetings she was invited to one by one."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from outcomes.series import series_next_create
from preps.models import WorkGroupMembership
from preps.selectors import prep_access
from sharing.models import Invitation
from testsupport.factories import membership_create, prep_create, share_create, user_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_cache")]


@pytest.fixture
def colleague(db):
    return user_create("cora", email_verified=True, first_name="Cora", last_name="Diaz")


@pytest.fixture
def group(prep):
    group = prep.work_group
    group.name = "Public Safety Work Group"
    group.save()
    return group


def team_url(group, *parts) -> str:
    return reverse("work_group_team", args=[group.pk]) + "".join(f"{part}/" for part in parts)


def accept(client, user, message):
    link = re.search(r"https?://\S+/invitations/\S+/", message.body).group(0)
    client.force_login(user)
    client.get(link.split("testserver", 1)[-1])
    return client.post(reverse("invitation_accept"))


def test_an_invitation_to_the_team_opens_every_meeting_those_to_come_too(
    client, owner, prep, group, colleague
):
    client.force_login(owner)
    response = client.post(team_url(group), {"email": "cora@example.org", "role": "commenter"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert "work group “Public Safety Work Group”" in message.body and "commenter" in message.body
    assert "a work group" in message.subject
    accepted = accept(client, colleague, message)
    assert accepted.status_code == 302 and accepted["Location"] == group.get_absolute_url()
    assert prep_access(colleague, prep.pk).role == "commenter"
    later = series_next_create(prep=prep, meeting_date=datetime.date(2027, 3, 1))
    assert prep_access(colleague, later.pk).role == "commenter"
    page = client.get(group.get_absolute_url()).content.decode()
    assert "Public Safety Work Group" in page and later.meeting_title in page
    assert Invitation.objects.get().accepted_by == colleague


def test_the_higher_of_the_team_role_and_the_meeting_role_applies(prep, group, colleague, worksheet, owner):
    other = prep_create(owner=owner, worksheet=worksheet, work_group=group, meeting_title="Second")
    membership_create(group=group, user=colleague, role="viewer")
    share_create(prep=other, user=colleague, role="editor")
    assert prep_access(colleague, prep.pk).role == "viewer"
    assert prep_access(colleague, other.pk).role == "editor"
    WorkGroupMembership.objects.filter(user=colleague).update(role="editor")
    share = other.shares.get()
    share.role = "viewer"
    share.save()
    assert prep_access(colleague, other.pk).role == "editor"


def test_the_autosave_honours_the_team_role(client, prep, group, colleague):
    question = prep.worksheet.questions.order_by("position").first()
    url = reverse("answer_autosave", args=[prep.pk, question.key])
    client.force_login(colleague)
    assert client.post(url, {"text": "x", "version": 0}).status_code == 404
    membership = membership_create(group=group, user=colleague, role="commenter")
    assert client.post(url, {"text": "x", "version": 0}).status_code == 403
    membership.role = "editor"
    membership.save()
    assert client.post(url, {"text": "From the team", "version": 0}).status_code == 200


def test_the_owner_changes_a_role_and_takes_a_colleague_off_the_team(client, owner, prep, group, colleague):
    membership = membership_create(group=group, user=colleague, role="viewer")
    share_create(prep=prep, user=colleague, role="commenter")
    second = series_next_create(prep=prep, meeting_date=datetime.date(2027, 3, 1))
    client.force_login(owner)
    assert "Cora Diaz" in client.get(team_url(group)).content.decode()
    response = client.post(team_url(group, membership.pk, "role"), {"role": "editor"})
    assert response.status_code == 302
    assert prep_access(colleague, second.pk).role == "editor"
    assert client.post(team_url(group, membership.pk, "role"), {"role": "owner"}).status_code == 400
    assert client.post(team_url(group, membership.pk, "remove")).status_code == 302
    assert not WorkGroupMembership.objects.exists()
    # Her own invitation to the first meeting stays; the meeting she had through the team is gone.
    assert prep_access(colleague, prep.pk).role == "commenter"
    client.force_login(colleague)
    assert client.get(reverse("prep_fill", args=[second.pk])).status_code == 404
    client.force_login(owner)
    assert client.post(team_url(group, membership.pk, "remove")).status_code == 404


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("olivia@example.org", "your own address"),
        ("not an address", "valid email"),
        ("cora@example.org", "already on the team"),
    ],
)
def test_bad_team_invitations_are_a_400_that_sends_nothing(client, owner, group, colleague, email, message):
    membership_create(group=group, user=colleague)
    client.force_login(owner)
    response = client.post(team_url(group), {"email": email, "role": "viewer"})
    assert response.status_code == 400 and message in response.content.decode()
    assert not mail.outbox and not Invitation.objects.exists()


def test_a_group_name_with_a_link_cannot_go_into_an_invitation(client, owner, group):
    group.name = "Visit evil.example now"
    group.save()
    client.force_login(owner)
    response = client.post(team_url(group), {"email": "cora@example.org", "role": "viewer"})
    assert response.status_code == 400 and "Edit the work group’s details" in response.content.decode()


def test_the_owner_withdraws_a_team_invitation(client, owner, group):
    client.force_login(owner)
    client.post(team_url(group), {"email": "cora@example.org", "role": "viewer"})
    invitation = Invitation.objects.get()
    assert invitation.work_group == group and invitation.prep is None
    assert client.post(team_url(group, "invitations", invitation.pk, "cancel")).status_code == 302
    assert not Invitation.objects.exists()
    assert client.post(team_url(group, "invitations", invitation.pk, "cancel")).status_code == 404


def test_only_the_owner_manages_the_team(client, prep, group, colleague, outsider):
    membership_create(group=group, user=colleague, role="editor")
    client.force_login(colleague)
    assert client.get(team_url(group)).status_code == 403
    assert client.get(reverse("work_group_edit", args=[group.pk])).status_code == 403
    client.force_login(outsider)
    assert client.get(team_url(group)).status_code == 404
    assert client.get(group.get_absolute_url()).status_code == 404
