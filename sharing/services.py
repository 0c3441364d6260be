"""Writes for sharing: invitations, roles, revoking, comments and the owner's digest of new comments.

The views pass in a prep they got from ``preps.selectors`` with the right access (the owner's alone for
sharing; comment or write access for comments), so every function here trusts that prep and refuses
anything (a share, an invitation, a comment) that is not that prep's.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from accounts.selectors import email_verified, user_with_email
from core.mail import mail_render
from core.text import typed_text
from core.throttles import Throttle
from core.users import mail_name, validate_person_name
from preps.models import MeetingPrep, Role, Share, Stakeholder, WorkGroup, WorkGroupMembership
from worksheets.models import Question

from .models import COMMENT_MAX, INVITATION_DAYS, Comment, Invitation
from .tokens import token_hash, token_matches, token_new

# A web or e-mail address in a meeting title: a scheme, "www.", an "@", or a period between a letter or digit
# and two letters (a domain such as "evil.example").
MAIL_TITLE_LINK = re.compile(r"://|\bwww\.|@|\w\.[^\W\d_]{2}", re.IGNORECASE)


class InvitationRefused(Exception):
    """The link cannot be used: unknown, used, expired, or for another address. ``message`` says which, as
    far as it is safe to say."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class InviteThrottled(Exception):
    retry_after: timedelta


def _role(role: str) -> Role:
    if role not in Role.values:
        raise ValidationError("Choose viewer, commenter or editor.")
    return Role(role)


def invitation_send(*, prep: MeetingPrep, email: str, role: str, invited_by, link_base: str) -> Invitation:
    """E-mail ``email`` a single-use link, valid ``INVITATION_DAYS`` days, to the prep as ``role``.

    Refused (ValidationError, with a message for the owner): an invalid address, the owner's own address, an
    address whose account already has access (change its role instead), an inviter's name or a meeting
    title that cannot go into an e-mail (``core.users.validate_person_name``, ``_validate_mail_title``).
    Inviting an address again replaces its open invitation, so only the newest link works. Limited per
    inviter (``INVITATION_LIMITS``; InviteThrottled): an hourly budget, and a daily one per address she
    invites, so no one can use up another's invitations to an address. The e-mail says who invites (name
    and address), to which meeting and as what. The mail is checked, the limit counted and the row written
    before it is queued, all or nothing: a refused invitation costs nothing.
    """
    email = email.strip().lower()
    validate_email(email)
    role = _role(role)
    if email == (prep.owner.email or "").lower():
        raise ValidationError("That is your own address: you already own this meeting prep.")
    existing = user_with_email(email)
    if existing is not None and Share.objects.filter(prep=prep, user=existing).exists():
        raise ValidationError(f"{email} already has access. Change their role in the list instead.")
    _validate_mail_title(prep.meeting_title)
    context = {"meeting_title": prep.meeting_title, "meeting_date": prep.meeting_date}
    return _invitation_create({"prep": prep}, email, role, invited_by, link_base, context)


def work_group_invitation_send(
    *, group: WorkGroup, email: str, role: str, invited_by, link_base: str
) -> Invitation:
    """E-mail ``email`` a link to join the work group's team as ``role``: every meeting of the group, those
    to come too. The same rules, limits and e-mail as ``invitation_send``; refused for an address already on
    the team (change its role instead)."""
    email = email.strip().lower()
    validate_email(email)
    role = _role(role)
    if email == (group.owner.email or "").lower():
        raise ValidationError("That is your own address: you already own this work group.")
    existing = user_with_email(email)
    if existing is not None and WorkGroupMembership.objects.filter(group=group, user=existing).exists():
        raise ValidationError(f"{email} is already on the team. Change their role in the list instead.")
    _validate_mail_title(group.name, what="the work group", where="its name")
    return _invitation_create(
        {"work_group": group}, email, role, invited_by, link_base, {"group_name": group.name}
    )


def _invitation_create(target: dict, email: str, role: Role, invited_by, link_base: str, context: dict):
    """The invitation to ``target`` (``{"prep": ...}`` or ``{"work_group": ...}``), its e-mail queued."""
    message, token_hashed = _invitation_message(email, role, invited_by, link_base, context)
    for scope, key in (("inviter", str(invited_by.pk)), ("inviter_email", f"{invited_by.pk}:{email}")):
        limit, window = settings.INVITATION_LIMITS[scope]
        throttle = Throttle(f"invitation-{scope}", limit, window)
        if not throttle.hit(key):
            raise InviteThrottled(retry_after=throttle.retry_after())
    with transaction.atomic():
        Invitation.objects.filter(**target, email=email, accepted_at__isnull=True).delete()
        invitation = Invitation.objects.create(
            **target,
            email=email,
            role=role,
            token_hash=token_hashed,
            invited_by=invited_by,
            expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
        )
        message.send()  # queued when this transaction commits (core/mail.py)
    return invitation


def _invitation_message(email: str, role: Role, invited_by, link_base: str, context: dict):
    """The invitation e-mail, checked (BadHeaderError cannot come later), and its token's hash. ``context``
    names what it invites to: ``meeting_title`` (and ``meeting_date``), or a work group's ``group_name``."""
    try:
        validate_person_name(invited_by.first_name)
        validate_person_name(invited_by.last_name)
    except ValidationError:
        raise ValidationError(
            "Your name as saved cannot go into an e-mail (it holds a line break, a digit, a link or another "
            "sign). Correct it on your account page, then invite again.",
            code="inviter_name",
        ) from None
    token, hashed = token_new()
    context = {
        **context,
        "inviter": mail_name(invited_by),
        "inviter_email": invited_by.email,
        "role": role.label.lower(),
        "link": link_base + reverse("invitation_open", args=[token]),
        "days": INVITATION_DAYS,
    }
    subject, body = mail_render("sharing/email/invitation", context)
    message = EmailMessage(subject, body, to=[email])
    message.message()
    return message, hashed


def _validate_mail_title(title: str, *, what: str = "the meeting", where: str = "its title") -> None:
    """A meeting title (or a work group's name) goes into the invitation: no web or e-mail address in it, no
    line break."""
    if any(char in title for char in "\r\n") or MAIL_TITLE_LINK.search(title):
        details = "the meeting details" if what == "the meeting" else "the work group’s details"
        raise ValidationError(
            f"Invitations name {what}, and {where} holds a web or e-mail address or a line break, "
            f"which invitations do not carry. Edit {details}, then invite again.",
            code="meeting_title",
        )


def invitation_for_token(token: str) -> Invitation:
    """The open invitation this link's token names; InvitationRefused otherwise."""
    invitation = (
        Invitation.objects.filter(token_hash=token_hash(token))
        .select_related("prep", "work_group", "invited_by")
        .first()
    )
    if invitation is None or not token_matches(token, invitation.token_hash):
        raise InvitationRefused("This invitation link is not valid. Ask for a new one.")
    if invitation.accepted_at is not None:
        raise InvitationRefused("This invitation was already used. Ask for a new one if you need it.")
    if invitation.is_expired:
        raise InvitationRefused(
            f"This invitation expired: links work for {INVITATION_DAYS} days. Ask for a new one."
        )
    return invitation


def invitation_accept(*, token: str, user) -> Share | WorkGroupMembership:
    """Accept the invitation: ``user`` (signed in, with the invited address verified) gets its role, on the
    meeting prep (a Share) or the work group's team (a WorkGroupMembership). The link then stops working. A
    user who already had access gets the invitation's role."""
    with transaction.atomic():
        invitation = invitation_for_token(token)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise InvitationRefused("This invitation was already used. Ask for a new one if you need it.")
        if (user.email or "").lower() != invitation.email or not email_verified(user):
            raise InvitationRefused(
                "This invitation was sent to another e-mail address than your account's verified one. "
                "Sign in with the account for the address the invitation went to."
            )
        if invitation.owner_id == user.pk:
            raise InvitationRefused(
                f"You own this {'work group' if invitation.work_group_id else 'meeting prep'} already."
            )
        if invitation.work_group_id:
            access, _ = WorkGroupMembership.objects.update_or_create(
                group=invitation.work_group, user=user, defaults={"role": invitation.role}
            )
        else:
            access, _ = Share.objects.update_or_create(
                prep=invitation.prep, user=user, defaults={"role": invitation.role}
            )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return access


def invitation_cancel(*, prep: MeetingPrep, invitation_id: int) -> None:
    """Withdraw an open invitation: its link stops working. Invitation.DoesNotExist if not this prep's."""
    Invitation.objects.get(prep=prep, pk=invitation_id, accepted_at__isnull=True).delete()


def share_role_set(*, prep: MeetingPrep, share_id: int, role: str) -> Share:
    """Change a colleague's role, from their next request on. Share.DoesNotExist if not this prep's."""
    share = Share.objects.select_related("user").get(prep=prep, pk=share_id)
    share.role = _role(role)
    share.save(update_fields=["role", "updated_at"])
    return share


def share_revoke(*, prep: MeetingPrep, share_id: int) -> Share:
    """Take a colleague's access away: their next request on this prep is a 404. Their comments stay."""
    share = Share.objects.select_related("user").get(prep=prep, pk=share_id)
    share.delete()
    return share


def comment_add(
    *, prep: MeetingPrep, author, text: str, question_key: str = "", stakeholder_id: int | None = None
) -> Comment:
    """A comment on one of the prep's questions (by key) or one person on its roster. ValidationError for
    empty or too-long text, or a question or person that is not this prep's."""
    text = text.strip()
    if not text:
        raise ValidationError("Write a comment first.")
    if len(text) > COMMENT_MAX:
        raise ValidationError(f"A comment can be at most {COMMENT_MAX:,} characters ({len(text):,} sent).")
    text = typed_text(text, label="The comment")
    question = stakeholder = None
    if stakeholder_id is not None:
        stakeholder = Stakeholder.objects.filter(prep=prep, pk=stakeholder_id).first()
        if stakeholder is None:
            raise ValidationError("This person is not on this roster (removed in another window?).")
    else:
        question = Question.objects.filter(worksheet_id=prep.worksheet_id, key=question_key).first()
        if question is None:
            raise ValidationError("Choose the question the comment is about.")
    try:
        return Comment.objects.create(
            prep=prep, question=question, stakeholder=stakeholder, author=author, text=text
        )
    except IntegrityError:  # the person was removed a moment ago
        raise ValidationError("This person is not on this roster (removed in another window?).") from None


def comment_resolve(*, prep: MeetingPrep, comment_id: int, by, resolved: bool = True) -> Comment:
    """Mark a comment resolved (or open again). Comment.DoesNotExist if not this prep's."""
    comment = Comment.objects.get(prep=prep, pk=comment_id)
    comment.resolved_at = timezone.now() if resolved else None
    comment.resolved_by = by if resolved else None
    comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment


def comment_digests_send(*, now=None, link_base: str = "", owner_id: int | None = None) -> int:
    """E-mail each owner (or only ``owner_id``) one digest of colleagues' new comments, once the oldest
    waiting comment is ``COMMENT_DIGEST_DELAY`` old (so a colleague's ten comments in a sitting are one
    e-mail). Counts and names only, no comment text or meeting title: the e-mail leaves the site. Returns
    e-mails queued (core/mail.py: a mail server that fails is retried there, never here). Run by
    ``manage.py send_comment_digests`` (a scheduled job) and after each new comment (its owner's only)."""
    now = now or timezone.now()
    waiting = (
        Comment.objects.filter(notified_at__isnull=True)
        .exclude(author_id=F("prep__owner_id"))
        .select_related("prep__owner", "author")
    )
    if owner_id is not None:
        waiting = waiting.filter(prep__owner_id=owner_id)
    by_owner: dict[int, list[Comment]] = {}
    for comment in waiting:
        by_owner.setdefault(comment.prep.owner_id, []).append(comment)
    sent = 0
    for comments in by_owner.values():
        if min(comment.created_at for comment in comments) > now - settings.COMMENT_DIGEST_DELAY:
            continue
        owner = comments[0].prep.owner
        preps = {}
        for comment in comments:
            preps.setdefault(comment.prep_id, []).append(comment)
        context = {
            "owner": owner,
            "count": len(comments),
            "preps": [
                {
                    "link": (link_base or settings.SITE_URL) + reverse("prep_fill", args=[prep_id]),
                    "count": len(items),
                    "authors": sorted({mail_name(item.author) for item in items if item.author}),
                }
                for prep_id, items in preps.items()
            ],
        }
        with transaction.atomic():
            claimed = Comment.objects.filter(
                pk__in=[c.pk for c in comments], notified_at__isnull=True
            ).update(notified_at=now)
            if not claimed:
                continue
            if owner.email and email_verified(owner):
                subject, body = mail_render("sharing/email/digest", context)
                send_mail(subject, body, None, [owner.email])
                sent += 1
    return sent


# A work group's team: the owner changes a member's role or takes her off the team.


def work_group_invitation_cancel(*, group: WorkGroup, invitation_id: int) -> None:
    """Withdraw an open invitation to the team. Invitation.DoesNotExist if not this group's."""
    Invitation.objects.get(work_group=group, pk=invitation_id, accepted_at__isnull=True).delete()


def membership_role_set(*, group: WorkGroup, membership_id: int, role: str) -> WorkGroupMembership:
    """Change a member's role on every meeting of the group, from her next request on.
    WorkGroupMembership.DoesNotExist if not this group's."""
    membership = WorkGroupMembership.objects.select_related("user").get(group=group, pk=membership_id)
    membership.role = _role(role)
    membership.save(update_fields=["role", "updated_at"])
    return membership


def membership_remove(*, group: WorkGroup, membership_id: int) -> WorkGroupMembership:
    """Take a member off the team: she keeps only the meetings she was invited to one by one."""
    membership = WorkGroupMembership.objects.select_related("user").get(group=group, pk=membership_id)
    membership.delete()
    return membership
