"""Writes for asking the invited people: the ask and its e-mails, reminders, withdrawing, what they send in,
accepting or setting aside a sent question, and the director's digest of new ones."""

import time
from collections.abc import Iterable
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.selectors import email_verified
from core.mail import mail_render
from core.text import typed_text
from core.throttles import Throttle
from core.users import mail_name
from preps.models import ExpectedQuestion, MeetingPrep, Stakeholder
from preps.services import expected_question_create
from sharing.tokens import token_hash, token_matches, token_new
from worksheets.models import FAQEntry

from .models import MESSAGE_MAX, QUESTION_MAX, QuestionRequest, RequestLink, SentQuestion

MAX_OPEN_DAYS = 60  # a closing date at most this far ahead
QUESTIONS_PER_SEND = 3  # boxes on the invitee's form
QUESTIONS_PER_LINK = 20  # in all, over every visit
FORM_SIGNING_SALT = "asks.form-started"


class LinkRefused(Exception):
    """A link that cannot be used: ``status`` 404 (unknown) or 410 (withdrawn or closed)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message, self.status = message, status


class SubmissionRefused(Exception):
    """Questions not taken: 400 (bad input, a bot's signs), 413 (too long), 429 (too many)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message, self.status = message, status


def group_today(prep: MeetingPrep) -> date:
    """Today in the work group's time zone: a link closes at the end of its closing date there."""
    return timezone.localdate(timezone=ZoneInfo(prep.work_group.time_zone))


def link_is_open(link: RequestLink) -> bool:
    return link.withdrawn_at is None and group_today(link.request.prep) <= link.request.closes_on


def link_url(link_base: str, token: str) -> str:
    return link_base + reverse("ask_open", args=[token])


# --- the director asks --------------------------------------------------------------------------------------


def request_send(
    *,
    prep: MeetingPrep,
    author,
    message: str,
    closes_on: date,
    stakeholder_ids: Iterable[int],
    link_base: str,
) -> list[RequestLink]:
    """Ask the chosen invited people (with an e-mail address) for their questions: one personal link each,
    e-mailed in ``author``'s name. ValidationError with a message for her on bad input."""
    message = typed_text(message.strip(), label="The message")
    if len(message) > MESSAGE_MAX:
        raise ValidationError(f"Keep the message under {MESSAGE_MAX} characters.", code="message_length")
    today = group_today(prep)
    if not today <= closes_on <= today + timedelta(days=MAX_OPEN_DAYS):
        raise ValidationError(
            f"Choose a closing date from today to {MAX_OPEN_DAYS} days ahead.", code="closes_on"
        )
    people = list(
        Stakeholder.objects.filter(prep=prep, pk__in=list(stakeholder_ids), invite=Stakeholder.Invite.INVITE)
        .exclude(person__email="")
        .select_related("person")
    )
    if not people:
        raise ValidationError("Tick at least one invited person with an e-mail address.", code="nobody")
    with transaction.atomic():
        ask = QuestionRequest.objects.create(
            prep=prep, message=message, closes_on=closes_on, created_by=author
        )
        links = []
        for person in people:
            token, hashed = token_new()
            link = RequestLink.objects.create(
                request=ask, stakeholder=person, email=person.person.email, token_hash=hashed
            )
            _link_mail(link, token, author=author, link_base=link_base, reminder=False).send()
            link.sent_at = timezone.now()
            link.save(update_fields=["sent_at"])
            links.append(link)
    return links


def _link_mail(link: RequestLink, token: str, *, author, link_base: str, reminder: bool):
    prep = link.request.prep
    context = {
        "name": link.stakeholder.name,
        "director": mail_name(author) if author else mail_name(prep.owner),
        "program": prep.program_name,
        "meeting_title": " ".join(prep.meeting_title.split()),
        "meeting_date": prep.meeting_date,
        "closes_on": link.request.closes_on,
        "message": link.request.message,
        "link": link_url(link_base, token),
        "reminder": reminder,
    }
    subject, body = mail_render("asks/email/ask", context)
    mail = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [link.email])
    mail.attach_alternative(render_to_string("asks/email/ask.html", context), "text/html")
    mail.message()  # a header that cannot be sent fails here, inside the caller's transaction
    return mail


def link_remind(*, link: RequestLink, author, link_base: str) -> RequestLink:
    """E-mail the person once more, with a fresh link (the one sent before stops working: only hashes are
    kept, so the old link cannot be e-mailed again)."""
    if link.reminded_at is not None:
        raise ValidationError("A reminder was already sent to this person.", code="reminded")
    if not link_is_open(link):
        raise ValidationError("This link is closed or withdrawn: there is nothing to remind.", code="closed")
    token, hashed = token_new()
    with transaction.atomic():
        link.token_hash, link.reminded_at = hashed, timezone.now()
        link.save(update_fields=["token_hash", "reminded_at"])
        _link_mail(link, token, author=author, link_base=link_base, reminder=True).send()
    return link


def link_renew(*, link: RequestLink) -> str:
    """A fresh link for the director to send herself; the one e-mailed before stops working."""
    if not link_is_open(link):
        raise ValidationError("This link is closed or withdrawn.", code="closed")
    token, hashed = token_new()
    link.token_hash = hashed
    link.save(update_fields=["token_hash"])
    return token


def link_withdraw(*, link: RequestLink) -> RequestLink:
    if link.withdrawn_at is None:
        link.withdrawn_at = timezone.now()
        link.save(update_fields=["withdrawn_at"])
    return link


# --- the invited person answers -----------------------------------------------------------------------------


def link_for_token(token: str) -> RequestLink:
    """The link this token names, open; LinkRefused otherwise (compared in constant time)."""
    link = (
        RequestLink.objects.filter(token_hash=token_hash(token[:200]))
        .select_related("request__prep__work_group", "request__prep__owner", "stakeholder")
        .first()
    )
    if link is None or not token_matches(token[:200], link.token_hash):
        raise LinkRefused(
            "This link is not known. Check that you opened the whole link from the e-mail.", 404
        )
    if link.withdrawn_at is not None:
        raise LinkRefused("This link was withdrawn: it no longer takes questions.", 410)
    if group_today(link.request.prep) > link.request.closes_on:
        closed = link.request.closes_on.strftime("%B %-d, %Y")
        raise LinkRefused(f"This link closed on {closed}: it no longer takes questions.", 410)
    return link


def form_started_stamp() -> str:
    """A signed stamp of when the form was shown: a form sent back too soon was filled by a program."""
    return signing.dumps(time.time(), salt=FORM_SIGNING_SALT)


def _check_fill_time(stamp: str) -> None:
    try:
        started = float(signing.loads(stamp, salt=FORM_SIGNING_SALT, max_age=24 * 3600))
    except (signing.BadSignature, TypeError, ValueError):
        raise SubmissionRefused(
            "This form is out of date. Open the link again and send your questions."
        ) from None
    if time.time() - started < settings.ASKS_MIN_FILL_SECONDS:
        raise SubmissionRefused(
            "That was sent very quickly. Take a moment to read the form, then send it again."
        )


def questions_submit(
    *, link: RequestLink, texts: list[str], may_name_me: bool, honeypot: str, started: str, address: str
) -> list[SentQuestion]:
    """Take the person's questions (up to ``QUESTIONS_PER_SEND`` at once, ``QUESTIONS_PER_LINK`` in all), as
    plain text. SubmissionRefused with a message and status for them otherwise."""
    if honeypot:
        raise SubmissionRefused("This form could not be sent. Leave the last field empty and try again.")
    _check_fill_time(started)
    cleaned = []
    for raw in texts[:QUESTIONS_PER_SEND]:
        text = raw.strip()
        if not text:
            continue
        if len(text) > QUESTION_MAX:
            raise SubmissionRefused(f"Keep each question under {QUESTION_MAX} characters.", 413)
        try:
            cleaned.append(typed_text(text, label="A question"))
        except ValidationError as error:
            raise SubmissionRefused(error.messages[0]) from None
    if not cleaned:
        raise SubmissionRefused("Write at least one question or concern.")
    for scope, key in (("link", str(link.pk)), ("address", address)):
        limit, window = settings.ASKS_SUBMIT_LIMITS[scope]
        if not Throttle(f"asks-{scope}", limit, window).hit(key):
            raise SubmissionRefused("Too many sends for now. Wait an hour, then send again.", 429)
    now = timezone.now()
    with transaction.atomic():
        link = RequestLink.objects.select_for_update().get(pk=link.pk)
        if link.questions.count() + len(cleaned) > QUESTIONS_PER_LINK:
            raise SubmissionRefused(f"This link takes at most {QUESTIONS_PER_LINK} questions in all.", 429)
        sent = [
            SentQuestion.objects.create(link=link, text=text, may_name_me=may_name_me) for text in cleaned
        ]
        link.last_submitted_at = now
        link.save(update_fields=["last_submitted_at"])
    return sent


# --- the director sorts them --------------------------------------------------------------------------------


def sent_question_accept(
    *, sent_question: SentQuestion, faq_entry_id: int | None, author
) -> ExpectedQuestion:
    """Add the sent question to question 4's expected questions, asked by its sender, with the chosen FAQ
    entry's answer linked (and copied as her first answer)."""
    if sent_question.status == SentQuestion.Status.ACCEPTED:
        raise ValidationError("This question is already among your expected questions.", code="accepted")
    prep = sent_question.link.request.prep
    faq = None
    if faq_entry_id is not None:
        faq = FAQEntry.objects.filter(
            pk=faq_entry_id, worksheet_id=prep.worksheet_id, is_published=True
        ).first()
        if faq is None:
            raise ValidationError("That FAQ answer is not one of this worksheet's.", code="faq")
    with transaction.atomic():
        expected = expected_question_create(
            prep=prep,
            text=sent_question.text,
            answer=faq.answer[: QUESTION_MAX * 2] if faq else "",
            askers=[sent_question.link.stakeholder_id],
            faq_entries=[faq.pk] if faq else [],
            author=author,
        )
        sent_question.status, sent_question.accepted_as = SentQuestion.Status.ACCEPTED, expected
        sent_question.save(update_fields=["status", "accepted_as"])
    return expected


def sent_question_set_aside(*, sent_question: SentQuestion) -> SentQuestion:
    if sent_question.status == SentQuestion.Status.ACCEPTED:
        raise ValidationError("This question is already among your expected questions.", code="accepted")
    sent_question.status = SentQuestion.Status.SET_ASIDE
    sent_question.save(update_fields=["status"])
    return sent_question


def question_digests_send(*, now=None, link_base: str = "") -> int:
    """E-mail each prep's owner one digest of the questions sent in since the last one: counts only, never
    the questions or who sent them (the e-mail leaves the site). Returns e-mails queued. Run by
    ``manage.py send_question_digests`` beside the comment digests."""
    now = now or timezone.now()
    waiting = SentQuestion.objects.filter(digested_at__isnull=True).select_related(
        "link__request__prep__owner", "link__stakeholder"
    )
    by_prep: dict[int, list[SentQuestion]] = {}
    for question in waiting:
        by_prep.setdefault(question.link.request.prep_id, []).append(question)
    sent = 0
    for questions in by_prep.values():
        prep = questions[0].link.request.prep
        with transaction.atomic():
            claimed = SentQuestion.objects.filter(
                pk__in=[q.pk for q in questions], digested_at__isnull=True
            ).update(digested_at=now)
            if not claimed or not (prep.owner.email and email_verified(prep.owner)):
                continue
            context = {
                "owner": mail_name(prep.owner),
                "count": len(questions),
                "people": len({q.link_id for q in questions}),
                "link": (link_base or settings.SITE_URL) + reverse("prep_fill", args=[prep.pk]),
            }
            subject, body = mail_render("asks/email/digest", context)
            send_mail(subject, body, None, [prep.owner.email])
            sent += 1
    return sent
