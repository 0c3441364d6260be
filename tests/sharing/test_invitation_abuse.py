"""Invitations that cannot be turned against others (issue 24 points 6 and 7).

Before: five invitations from a stranger to an address used up that address's daily limit, so its owner's
real invitation got 429 (Retry-After about a day); the inviter's name was free text in the subject and body
of a mail from the site's own address; the mail's text was HTML-escaped ("O&#x27;Brien"); and a line break
in the inviter's first name answered 500 (BadHeaderError) after the invitation row was written and the limit
counted.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.checks import run_checks
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.services import email_mark_verified
from sharing.models import Invitation
from sharing.services import comment_add, comment_digests_send
from testsupport.factories import prep_create, share_create, user_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_cache")]


def invite(client, prep, email, role="viewer"):
    return client.post(reverse("sharing", args=[prep.pk]), {"email": email, "role": role})


def signed_in(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_a_stranger_cannot_use_up_the_invitations_to_an_address(owner, outsider, prep, worksheet, settings):
    settings.INVITATION_LIMITS = {
        "inviter": (20, timedelta(hours=1)),
        "inviter_email": (5, timedelta(days=1)),
    }
    strangers_prep = prep_create(owner=outsider, worksheet=worksheet, meeting_title="Anything")
    stranger = signed_in(outsider)
    answers = [invite(stranger, strangers_prep, "dana@example.org").status_code for _ in range(6)]
    assert answers == [302] * 5 + [429]  # the stranger's own budget for that address
    assert invite(signed_in(owner), prep, "dana@example.org").status_code == 302  # the owner's is her own
    assert Invitation.objects.filter(prep=prep, email="dana@example.org").exists()


def test_the_hourly_limit_counts_per_inviter(owner, outsider, prep, worksheet, settings):
    settings.INVITATION_LIMITS = {"inviter": (2, timedelta(hours=1)), "inviter_email": (5, timedelta(days=1))}
    client = signed_in(owner)
    assert [invite(client, prep, f"p{n}@example.org").status_code for n in range(3)] == [302, 302, 429]
    others = prep_create(owner=outsider, worksheet=worksheet)
    assert invite(signed_in(outsider), others, "p9@example.org").status_code == 302


def test_the_mail_says_who_invites_to_which_meeting_in_plain_text(owner, prep, settings):
    settings.DEFAULT_FROM_EMAIL = "CARE Team <invitations@care.example.org>"
    owner.first_name, owner.last_name = "Siobhán", "O'Brien"
    owner.save()
    prep.meeting_title = "Budget & <Safety> review"
    prep.save()
    assert invite(signed_in(owner), prep, "dana@example.org", "editor").status_code == 302
    (message,) = mail.outbox
    assert message.from_email == "CARE Team <invitations@care.example.org>"
    assert message.subject == "Siobhán O'Brien invited you to a meeting prep on prepmeet"
    assert "Siobhán O'Brien (olivia@example.org) invited you" in message.body
    assert "“Budget & <Safety> review”" in message.body and "as editor" in message.body
    assert "&amp;" not in message.body and "&#x27;" not in message.body + message.subject


@pytest.mark.parametrize(
    "first_name",
    [
        "Eve\nBcc: everyone@example.org",
        "Security team: reset your password at https://evil.example/login now",
        "Eve\u202e",  # a right-to-left override, which can disguise an address
    ],
    ids=["line-break", "link", "bidi-override"],
)
def test_a_name_that_cannot_go_into_a_mail_is_refused_at_send_and_costs_nothing(
    owner, prep, settings, first_name
):
    """A name saved before the rule (or by an admin): the invitation is refused with what to do, no row is
    written, no mail queued and the limit not counted."""
    settings.INVITATION_LIMITS = {"inviter": (1, timedelta(hours=1)), "inviter_email": (1, timedelta(days=1))}
    owner.first_name = first_name
    owner.save()
    client = signed_in(owner)
    response = invite(client, prep, "dana@example.org")
    assert response.status_code == 400
    assert "Correct it on your account page" in response.text
    assert not Invitation.objects.exists() and not mail.outbox
    assert (
        client.post(reverse("account_name_save"), {"first_name": "Eve", "last_name": ""}).status_code == 302
    )
    assert invite(client, prep, "dana@example.org").status_code == 302  # the refused one was not counted
    assert len(mail.outbox) == 1


def test_a_meeting_title_with_an_address_is_refused_at_send(owner, prep):
    prep.meeting_title = "Urgent: reset your password at evil.example"
    prep.save()
    response = invite(signed_in(owner), prep, "dana@example.org")
    assert response.status_code == 400 and "Edit the meeting details" in response.text
    assert not Invitation.objects.exists() and not mail.outbox


def test_check_deploy_warns_about_a_localhost_sender_and_mail_to_the_console(settings):
    """Why the mails said noreply@localhost: the production recipe set no DEFAULT_FROM_EMAIL and nothing
    warned. The recipe sets it now, and `check --deploy` warns without it."""
    settings.DEFAULT_FROM_EMAIL = "prepmeet <noreply@localhost>"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
    found = {message.id for message in run_checks(include_deployment_checks=True)}
    assert {"prepmeet.W001", "prepmeet.W002"} <= found
    settings.DEFAULT_FROM_EMAIL = "prepmeet <noreply@prep.example.org>"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    found = {message.id for message in run_checks(include_deployment_checks=True)}
    assert not {"prepmeet.W001", "prepmeet.W002"} & found


def test_digests_name_a_colleague_by_address_when_her_saved_name_cannot_go_into_a_mail(owner, prep):
    email_mark_verified(user=owner)
    colleague = user_create("mallory", first_name="Reset at evil.example")
    share_create(prep=prep, user=colleague, role="commenter")
    comment_add(prep=prep, author=colleague, text="Hello", question_key=prep.worksheet.questions.first().key)
    assert comment_digests_send(now=timezone.now() + timedelta(hours=1)) == 1
    (message,) = mail.outbox
    assert "mallory@example.org" in message.body and "evil.example" not in message.body
