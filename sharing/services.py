"""Writes for sharing: invitations, roles, revoking, comments and the owner's digest of new comments.

The views pass in a prep they got from ``preps.selectors`` with the right access (the owner's alone for
sharing; comment or write access for comments), so every function here trusts that prep and refuses
anything (a share, an invitation, a comment) that is not that prep's.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.selectors import email_verified, user_with_email
from core.text import typed_text
from core.throttles import Throttle
from core.users import display_name
from preps.models import MeetingPrep, Role, Share, Stakeholder
from worksheets.models import Question

from .models import COMMENT_MAX, INVITATION_DAYS, Comment, Invitation
from .tokens import token_hash, token_matches, token_new


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
    address whose account already has access (change its role instead). Inviting an address again replaces
    its open invitation, so only the newest link works. Throttled per owner and per invited address
    (``INVITATION_LIMITS``; InviteThrottled). The e-mail names who invited and the role, not the meeting: a
    mistyped address learns nothing about it.
    """
    email = email.strip().lower()
    validate_email(email)
    role = _role(role)
    if email == (prep.owner.email or "").lower():
        raise ValidationError("That is your own address: you already own this meeting prep.")
    existing = user_with_email(email)
    if existing is not None and Share.objects.filter(prep=prep, user=existing).exists():
        raise ValidationError(f"{email} already has access. Change their role in the list instead.")
    for scope, key in (("owner", str(invited_by.pk)), ("email", email)):
        limit, window = settings.INVITATION_LIMITS[scope]
        throttle = Throttle(f"invitation-{scope}", limit, window)
        if not throttle.hit(key):
            raise InviteThrottled(retry_after=throttle.retry_after())
    token, hashed = token_new()
    with transaction.atomic():
        Invitation.objects.filter(prep=prep, email=email, accepted_at__isnull=True).delete()
        invitation = Invitation.objects.create(
            prep=prep,
            email=email,
            role=role,
            token_hash=hashed,
            invited_by=invited_by,
            expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
        )
    context = {
        "inviter": display_name(invited_by),
        "role": role.label.lower(),
        "link": link_base + reverse("invitation_open", args=[token]),
        "expires_at": invitation.expires_at,
        "days": INVITATION_DAYS,
    }
    subject = render_to_string("sharing/email/invitation_subject.txt", context).strip()
    send_mail(subject, render_to_string("sharing/email/invitation.txt", context), None, [email])
    return invitation


def invitation_for_token(token: str) -> Invitation:
    """The open invitation this link's token names; InvitationRefused otherwise."""
    invitation = (
        Invitation.objects.filter(token_hash=token_hash(token)).select_related("prep", "invited_by").first()
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


def invitation_accept(*, token: str, user) -> Share:
    """Accept the invitation: ``user`` (signed in, with the invited address verified) gets its role. The
    link then stops working. A user who already had access gets the invitation's role."""
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
        if invitation.prep.owner_id == user.pk:
            raise InvitationRefused("You own this meeting prep already.")
        share, _ = Share.objects.update_or_create(
            prep=invitation.prep, user=user, defaults={"role": invitation.role}
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return share


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


def comment_digests_send(*, now=None, link_base: str = "") -> int:
    """E-mail each owner one digest of colleagues' new comments, once the oldest waiting comment is
    ``COMMENT_DIGEST_DELAY`` old (so a colleague's ten comments in a sitting are one e-mail). Counts and
    names only, no comment text or meeting title: the e-mail leaves the site. Returns e-mails sent.
    Run by ``manage.py send_comment_digests`` (a scheduled job) and after each new comment."""
    now = now or timezone.now()
    waiting = (
        Comment.objects.filter(notified_at__isnull=True)
        .exclude(author_id=F("prep__owner_id"))
        .select_related("prep__owner", "author")
    )
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
                    "authors": sorted({display_name(item.author) for item in items if item.author}),
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
                subject = render_to_string("sharing/email/digest_subject.txt", context).strip()
                send_mail(subject, render_to_string("sharing/email/digest.txt", context), None, [owner.email])
                sent += 1
    return sent
