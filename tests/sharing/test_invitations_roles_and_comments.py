"""Sharing a meeting prep: invitations by e-mail, roles, revoking, and what each role may do."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from preps.models import AnswerRevision, Share
from preps.selectors import answer_history
from preps.services import answer_save, prep_delete
from sharing.models import Invitation
from testsupport.factories import share_create, stakeholder_create, user_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_cache")]


@pytest.fixture
def colleague(db):
    return user_create("cora", email_verified=True, first_name="Cora", last_name="Diaz")


@pytest.fixture
def shared_prep(prep):
    prep.meeting_title = "Quokka work group"
    prep.save()
    question = prep.worksheet.questions.get(position=1)
    answer_save(prep=prep, question=question, text="Chief Quokka and the 911 director", base_version=0)
    return prep


def invite(client, prep, email, role="viewer"):
    return client.post(reverse("sharing", args=[prep.pk]), {"email": email, "role": role})


def link_in(message) -> str:
    return re.search(r"https?://\S+/invitations/\S+/", message.body).group(0)


def test_the_owner_invites_by_email_and_the_mail_says_who_invites_to_which_meeting(
    client, owner, shared_prep, settings
):
    client.force_login(owner)
    response = invite(client, shared_prep, "Cora@Example.org", "commenter")
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["cora@example.org"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert "commenter" in message.body
    assert "“Quokka work group”" in message.body and owner.email in message.body
    invitation = Invitation.objects.get()
    token = link_in(message).rstrip("/").rsplit("/", 1)[1]
    assert invitation.token_hash != token and token not in invitation.token_hash  # only a hash is stored
    assert invitation.expires_at - timezone.now() > timedelta(days=6, hours=23)
    page = client.get(reverse("sharing", args=[shared_prep.pk])).content.decode()
    assert "cora@example.org as commenter" in page


def test_accepting_moves_the_token_out_of_the_address_and_grants_the_role(
    client, owner, colleague, shared_prep
):
    client.force_login(owner)
    invite(client, shared_prep, colleague.email, "viewer")
    link = link_in(mail.outbox[0])
    client.force_login(colleague)
    first = client.get(link)
    assert first.status_code == 302 and first["Location"] == reverse("invitation_accept")
    assert first["Referrer-Policy"] == "no-referrer"
    page = client.get(first["Location"])
    assert "invited you" in page.content.decode()
    assert client.post(reverse("invitation_accept"))["Location"] == shared_prep.get_absolute_url()
    assert Share.objects.get(prep=shared_prep, user=colleague).role == "viewer"
    # Single use: the same link again is refused.
    client.get(link)
    again = client.post(reverse("invitation_accept"))
    assert again.status_code == 400 and "already used" in again.content.decode()


def test_signed_out_the_invitation_waits_through_sign_in(client, owner, colleague, shared_prep):
    client.force_login(owner)
    invite(client, shared_prep, colleague.email)
    link = link_in(mail.outbox[0])
    client.logout()
    client.get(link)
    page = client.get(reverse("invitation_accept")).content.decode()
    assert "Sign in" in page and "Accept the invitation" not in page
    client.force_login(colleague)  # the session keeps the token (login keeps an anonymous session's data)
    assert "An invitation to a colleague" in client.get(reverse("dashboard")).content.decode()
    assert client.post(reverse("invitation_accept")).status_code == 302
    assert Share.objects.filter(user=colleague).exists()


def test_an_invitation_is_for_its_address_only(client, owner, outsider, colleague, shared_prep):
    client.force_login(owner)
    invite(client, shared_prep, colleague.email)
    client.force_login(outsider)
    client.get(link_in(mail.outbox[0]))
    response = client.post(reverse("invitation_accept"))
    assert response.status_code == 400 and "another e-mail address" in response.content.decode()
    assert not Share.objects.exists()


def test_an_unverified_address_cannot_accept(client, owner, shared_prep):
    unverified = user_create("uma")
    client.force_login(owner)
    invite(client, shared_prep, unverified.email)
    client.force_login(unverified)
    client.get(link_in(mail.outbox[0]))
    assert client.post(reverse("invitation_accept")).status_code == 400
    assert not Share.objects.exists()


def test_an_expired_or_made_up_link_is_refused(client, owner, colleague, shared_prep):
    client.force_login(owner)
    invite(client, shared_prep, colleague.email)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    client.force_login(colleague)
    client.get(link_in(mail.outbox[0]))
    response = client.post(reverse("invitation_accept"))
    assert response.status_code == 400 and "expired" in response.content.decode()
    client.get(reverse("invitation_open", args=["not-a-token"]))
    assert client.get(reverse("invitation_accept")).status_code == 400


def test_inviting_again_replaces_the_link(client, owner, colleague, shared_prep):
    client.force_login(owner)
    invite(client, shared_prep, colleague.email, "viewer")
    invite(client, shared_prep, colleague.email, "editor")
    assert Invitation.objects.count() == 1
    client.force_login(colleague)
    client.get(link_in(mail.outbox[0]))
    assert client.post(reverse("invitation_accept")).status_code == 400  # the first link no longer works
    client.get(link_in(mail.outbox[1]))
    client.post(reverse("invitation_accept"))
    assert Share.objects.get(user=colleague).role == "editor"


@pytest.mark.parametrize("case", ["own address", "already has access", "not an address", "bad role"])
def test_refused_invitations_say_why(client, owner, colleague, shared_prep, case):
    share_create(prep=shared_prep, user=colleague)
    email, role = {
        "own address": (owner.email.upper(), "viewer"),
        "already has access": (colleague.email, "editor"),
        "not an address": ("cora at example", "viewer"),
        "bad role": ("dana@example.org", "owner"),
    }[case]
    client.force_login(owner)
    response = invite(client, shared_prep, email, role)
    assert response.status_code == 400
    page = response.content.decode()
    assert {"own address": "your own address", "already has access": "already has access"}.get(
        case, ""
    ) in page
    assert not mail.outbox


def test_invitations_are_throttled_per_owner(client, owner, shared_prep, settings):
    settings.INVITATION_LIMITS = {"inviter": (2, timedelta(hours=1)), "inviter_email": (5, timedelta(days=1))}
    client.force_login(owner)
    assert invite(client, shared_prep, "a@example.org").status_code == 302
    assert invite(client, shared_prep, "b@example.org").status_code == 302
    refused = invite(client, shared_prep, "c@example.org")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert len(mail.outbox) == 2


def test_changing_a_role_and_revoking_apply_on_the_next_request(client, owner, colleague, shared_prep):
    share = share_create(prep=shared_prep, user=colleague, role="viewer")
    client.force_login(owner)
    client.post(reverse("share_role", args=[shared_prep.pk, share.pk]), {"role": "editor"})
    client.force_login(colleague)
    page = client.get(shared_prep.get_absolute_url()).content.decode()
    assert 'id="answers-form"' in page  # an editor gets the fill page
    client.force_login(owner)
    client.post(reverse("share_revoke", args=[shared_prep.pk, share.pk]))
    client.force_login(colleague)
    assert client.get(shared_prep.get_absolute_url()).status_code == 404
    assert "Quokka" not in client.get(reverse("dashboard")).content.decode()


def test_a_viewer_reads_everything_and_writes_nothing(client, colleague, shared_prep):
    share_create(prep=shared_prep, user=colleague, role="viewer")
    stakeholder_create(prep=shared_prep, name="Chief Quokka", role="Police chief")
    client.force_login(colleague)
    page = client.get(shared_prep.get_absolute_url())
    text = page.content.decode()
    assert page.status_code == 200
    assert "Chief Quokka and the 911 director" in text and "Police chief" in text
    assert "<textarea" not in text and 'id="answers-form"' not in text
    question = shared_prep.worksheet.questions.get(position=1)
    save = client.post(
        reverse("answer_autosave", args=[shared_prep.pk, question.key]),
        {"text": "overwritten", "version": 1},
        HTTP_X_REQUESTED_WITH="fetch",
    )
    assert save.status_code == 403 and "editing is for" in save.json()["message"]
    assert (
        client.post(
            reverse("comment_create", args=[shared_prep.pk]), {"comment": "x", "question": question.key}
        ).status_code
        == 403
    )
    for name in ("prep_copy", "prep_delete", "sharing"):
        assert client.post(reverse(name, args=[shared_prep.pk])).status_code == 403
    assert client.get(reverse("prep_pdf", args=[shared_prep.pk])).status_code == 200
    assert "Shared with me" in client.get(reverse("dashboard")).content.decode()


def test_a_commenter_comments_and_the_owner_resolves(client, owner, colleague, shared_prep):
    share_create(prep=shared_prep, user=colleague, role="commenter")
    question = shared_prep.worksheet.questions.get(position=2)
    client.force_login(colleague)
    response = client.post(
        reverse("comment_create", args=[shared_prep.pk]),
        {"comment": "Add the EMS data lead", "question": question.key},
    )
    assert response.status_code == 302
    comment = shared_prep.comments.get()
    assert client.post(reverse("comment_resolve", args=[shared_prep.pk, comment.pk])).status_code == 403
    client.force_login(owner)
    assert "1 open comment" in client.get(reverse("dashboard")).content.decode()
    fill = client.get(shared_prep.get_absolute_url()).content.decode()
    assert "Add the EMS data lead" in fill and f'form="resolve-{comment.pk}"' in fill
    client.post(reverse("comment_resolve", args=[shared_prep.pk, comment.pk]))
    comment.refresh_from_db()
    assert comment.resolved_by == owner
    assert "open comment" not in client.get(reverse("dashboard")).content.decode()


def test_a_comment_on_a_person_shows_beside_them(client, colleague, shared_prep):
    share_create(prep=shared_prep, user=colleague, role="commenter")
    person = stakeholder_create(prep=shared_prep, name="Chief Quokka")
    client.force_login(colleague)
    client.post(
        reverse("comment_create", args=[shared_prep.pk]),
        {"comment": "Ask about overtime", "question": "who-attends", "person": person.pk},
    )
    assert shared_prep.comments.get().stakeholder == person
    page = client.get(shared_prep.get_absolute_url()).content.decode()
    assert "comment about <bdi>Chief Quokka</bdi>" in page


@pytest.mark.parametrize(
    "data",
    [
        {"comment": "", "question": "who-attends"},
        {"comment": "x"},
        {"comment": "x", "question": "nope"},
        {"comment": "x" * 5001, "question": "who-attends"},
    ],
)
def test_bad_comments_get_a_400(client, owner, shared_prep, data):
    client.force_login(owner)
    assert client.post(reverse("comment_create", args=[shared_prep.pk]), data).status_code == 400
    assert not shared_prep.comments.exists()


def test_another_preps_person_cannot_be_commented_on(client, owner, outsider, worksheet, shared_prep):
    from testsupport.factories import prep_create

    other = stakeholder_create(prep=prep_create(owner=outsider, worksheet=worksheet), name="Wombat")
    client.force_login(owner)
    response = client.post(
        reverse("comment_create", args=[shared_prep.pk]),
        {"comment": "x", "question": "who-attends", "person": other.pk},
    )
    assert response.status_code == 400


def test_an_editor_edits_and_the_conflict_names_her(client, owner, colleague, shared_prep):
    share_create(prep=shared_prep, user=colleague, role="editor")
    question = shared_prep.worksheet.questions.get(position=1)
    url = reverse("answer_autosave", args=[shared_prep.pk, question.key])
    client.force_login(colleague)
    assert client.post(url, {"text": "Cora's version", "version": 1}).status_code == 200
    client.force_login(owner)
    conflict = client.post(url, {"text": "Olivia's version", "version": 1})
    assert conflict.status_code == 409
    assert "changed by Cora Diaz" in conflict.json()["message"]
    assert conflict.json()["current_text"] == "Cora's version"


def test_history_keeps_every_save_and_restoring_is_a_new_version(client, owner, colleague, shared_prep):
    share_create(prep=shared_prep, user=colleague, role="editor")
    question = shared_prep.worksheet.questions.get(position=1)
    url = reverse("answer_autosave", args=[shared_prep.pk, question.key])
    client.force_login(colleague)
    client.post(url, {"text": "Cora's version", "version": 1})
    client.force_login(owner)
    history = client.get(reverse("answer_history", args=[shared_prep.pk, question.key]))
    text = history.content.decode()
    assert "Cora's version" in text.replace("&#x27;", "'") and "Chief Quokka and the 911 director" in text
    first = AnswerRevision.objects.filter(text="Chief Quokka and the 911 director").get()
    client.post(reverse("answer_restore", args=[shared_prep.pk, question.key, first.pk]))
    answer = shared_prep.answers.get(question=question)
    assert answer.text == "Chief Quokka and the 911 director"
    assert [revision.text for revision in answer_history(answer)] == [
        "Chief Quokka and the 911 director",
        "Cora's version",
        "Chief Quokka and the 911 director",
    ]


def test_saves_by_one_person_coalesce_within_five_minutes(owner, shared_prep):
    question = shared_prep.worksheet.questions.get(position=2)
    for version, text in enumerate(["a", "ab", "abc"]):
        answer_save(prep=shared_prep, question=question, text=text, base_version=version, author=owner)
    answer = shared_prep.answers.get(question=question)
    assert [revision.text for revision in answer_history(answer)] == ["abc"]
    AnswerRevision.objects.filter(answer__question=question).update(
        started_at=timezone.now() - timedelta(minutes=6)
    )
    answer_save(prep=shared_prep, question=question, text="abcd", base_version=3, author=owner)
    answer.refresh_from_db()
    assert [revision.text for revision in answer_history(answer)] == ["abcd", "abc"]


def test_another_persons_save_closes_the_open_revision_with_the_text_it_ended_with(
    owner, colleague, shared_prep
):
    share_create(prep=shared_prep, user=colleague, role="editor")
    question = shared_prep.worksheet.questions.get(position=2)
    answer_save(prep=shared_prep, question=question, text="Olivia's draft", base_version=0, author=owner)
    answer_save(
        prep=shared_prep, question=question, text="Olivia's draft, longer", base_version=1, author=owner
    )
    answer_save(prep=shared_prep, question=question, text="Cora's edit", base_version=2, author=colleague)
    answer = shared_prep.answers.get(question=question)
    history = answer_history(answer)
    assert [(revision.text, revision.version, revision.author) for revision in history] == [
        ("Cora's edit", 3, colleague),
        ("Olivia's draft, longer", 2, owner),
    ]
    assert history[0].saved_at == answer.updated_at
    assert AnswerRevision.objects.filter(answer=answer, text__isnull=True).get().author == colleague


def test_a_viewer_cannot_see_history_or_restore(client, colleague, shared_prep):
    share_create(prep=shared_prep, user=colleague, role="commenter")
    client.force_login(colleague)
    assert client.get(reverse("answer_history", args=[shared_prep.pk, "who-attends"])).status_code == 403


def test_when_the_owner_deletes_the_prep_colleagues_lose_it_silently(client, colleague, shared_prep):
    share_create(prep=shared_prep, user=colleague, role="editor")
    pk = shared_prep.pk
    prep_delete(prep=shared_prep)
    client.force_login(colleague)
    assert client.get(reverse("prep_fill", args=[pk])).status_code == 404
    assert "Quokka" not in client.get(reverse("dashboard")).content.decode()
    assert not mail.outbox


def test_one_digest_for_several_comments(client, owner, colleague, shared_prep, settings):
    settings.COMMENT_DIGEST_DELAY = timedelta(minutes=10)
    share_create(prep=shared_prep, user=colleague, role="commenter")
    from accounts.services import email_mark_verified
    from sharing.services import comment_digests_send

    email_mark_verified(user=owner)
    client.force_login(colleague)
    for text in ("one", "two", "three"):
        client.post(
            reverse("comment_create", args=[shared_prep.pk]), {"comment": text, "question": "expertise"}
        )
    assert not mail.outbox  # too fresh: they wait to be one digest
    assert comment_digests_send(now=timezone.now() + timedelta(minutes=11)) == 1
    (message,) = mail.outbox
    assert message.to == [owner.email] and "3 new comments" in message.subject
    assert "from Cora Diaz" in message.body
    assert "Quokka" not in message.body and "Zebra" not in message.body  # no title, no comment text
    assert comment_digests_send(now=timezone.now() + timedelta(minutes=30)) == 0


def pdf_text(response) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_comments_are_an_appendix_of_the_notes_only_when_asked_and_never_in_the_brief(
    client, owner, colleague, shared_prep
):
    from sharing.services import comment_add

    share_create(prep=shared_prep, user=colleague, role="commenter")
    comment_add(
        prep=shared_prep, author=colleague, text="Invite the EMS medical director", question_key="expertise"
    )
    client.force_login(owner)
    assert 'name="comments"' in client.get(shared_prep.get_absolute_url()).content.decode()
    plain = pdf_text(client.get(reverse("prep_pdf", args=[shared_prep.pk])))
    assert "Invite the EMS medical director" not in plain
    response = client.get(reverse("prep_pdf", args=[shared_prep.pk]), {"comments": "1"})
    assert "comments" in response["Content-Disposition"]
    appendix = pdf_text(response)
    assert "colleagues’ comments" in appendix and "Invite the EMS medical director" in appendix
    assert "Cora Diaz" in appendix
    brief = pdf_text(client.get(reverse("prep_brief_pdf", args=[shared_prep.pk])))
    assert "Invite the EMS" not in brief
    assert client.get(reverse("prep_pdf", args=[shared_prep.pk]), {"comments": "maybe"}).status_code == 400


def test_the_digest_command_sends_what_is_due(owner, colleague, shared_prep, settings):
    import io

    from django.core.management import call_command

    from accounts.services import email_mark_verified
    from sharing.models import Comment
    from sharing.services import comment_add

    email_mark_verified(user=owner)
    comment_add(prep=shared_prep, author=colleague, text="Zebra", question_key="expertise")
    out = io.StringIO()
    call_command("send_comment_digests", stdout=out)
    assert "Sent 0" in out.getvalue() and not mail.outbox
    Comment.objects.update(created_at=timezone.now() - settings.COMMENT_DIGEST_DELAY - timedelta(seconds=1))
    call_command("send_comment_digests", stdout=out)
    assert "Sent 1 comment digest e-mail." in out.getvalue() and len(mail.outbox) == 1


def test_an_editor_records_the_outcome_and_a_viewer_reads_it(client, owner, colleague, shared_prep):
    editor = user_create("edie", email_verified=True)
    share_create(prep=shared_prep, user=editor, role="editor")
    share_create(prep=shared_prep, user=colleague, role="viewer")
    client.force_login(editor)
    assert client.get(reverse("outcome_record", args=[shared_prep.pk])).status_code == 200
    new = reverse("outcome_row_new", args=[shared_prep.pk, "decision"])
    assert client.post(new, {"text": "Pilot in district 3"}).status_code == 302
    client.force_login(colleague)
    assert client.get(reverse("outcome_record", args=[shared_prep.pk])).status_code == 403
    assert "Pilot in district 3" in client.get(shared_prep.get_absolute_url()).content.decode()


def test_a_roster_conflict_names_the_editor_and_the_field_history_keeps_both(
    client, owner, colleague, shared_prep
):
    from preps.models import StakeholderRevision

    share_create(prep=shared_prep, user=colleague, role="editor")
    person = stakeholder_create(prep=shared_prep, name="Chief Quokka", concerns="Overtime")
    url = reverse("stakeholder_autosave", args=[shared_prep.pk, person.pk])
    client.force_login(colleague)
    assert (
        client.post(url, {"version": person.version, "concerns": "Overtime and staffing"}).status_code == 200
    )
    client.force_login(owner)
    conflict = client.post(url, {"version": person.version, "concerns": "Budget"})
    assert conflict.status_code == 409
    assert "changed by Cora Diaz" in conflict.json()["message"]
    history = list(StakeholderRevision.objects.filter(stakeholder=person, field="concerns").order_by("pk"))
    assert [(row.value, row.author) for row in history] == [
        ("Overtime", None),
        ("Overtime and staffing", colleague),
    ]
