"""Outgoing mail: written in the request, sent from the job queue, so no request fails because mail fails.

``EMAIL_BACKEND`` is ``QueuedEmailBackend``: ``send_mail`` (ours, and Django's password reset) checks the
message at once (a header that cannot be sent raises inside the caller's transaction) and hands it to the
queue once that transaction commits, so a write that rolls back sends nothing and a sent mail always has its
row. ``mail_deliver`` sends it through ``EMAIL_DELIVERY_BACKEND`` (SMTP, or the console in development); a
failure is logged and tried again after each of ``MAIL_RETRY_SECONDS``, then logged as an error and dropped.

Where the jobs run: with REDIS_URL the RQ queue ``MAIL_QUEUE`` (``manage.py prerender_worker`` works it,
before the renders); without it, or when Redis refuses the job, ``MAIL_WORKERS`` threads in this process.

``mail_render`` makes the texts: plain-text templates rendered by the "text" template engine, which does not
HTML-escape (settings.TEMPLATES), and a subject on one line.
"""

import logging
import smtplib
import threading
from datetime import timedelta
from email.utils import parseaddr
from functools import cache as memoize
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import make_msgid
from django.db import transaction
from django.template.loader import render_to_string

from .jobs import ThreadPool

logger = logging.getLogger(__name__)

TEXT_ENGINE = "text"
MAX_WAITING = 1000  # mails the thread pool holds, waiting or being sent; past it one is dropped (and logged)


def mail_render(template: str, context: dict) -> tuple[str, str]:
    """(subject, body) from ``<template>_subject.txt`` and ``<template>.txt``, as plain text."""
    subject = render_to_string(f"{template}_subject.txt", context, using=TEXT_ENGINE)
    body = render_to_string(f"{template}.txt", context, using=TEXT_ENGINE)
    return " ".join(subject.split()), body


class QueuedEmailBackend(BaseEmailBackend):
    """Django's mail backend API, queueing each message instead of sending it (see the module's text)."""

    def send_messages(self, email_messages: list[EmailMessage]) -> int:
        for message in email_messages:
            # One Message-ID for every attempt, so a receiver can tell a retry from a second e-mail.
            message.extra_headers.setdefault("Message-ID", make_msgid(domain=_sender_domain()))
            message.message()  # BadHeaderError (a line break in a header) here, not in the job
            message.connection = None
            transaction.on_commit(partial(mail_enqueue, message), robust=True)
        return len(email_messages)


def _sender_domain() -> str | None:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or None


def mail_enqueue(message: EmailMessage, *, attempt: int = 0, delay: float = 0.0) -> None:
    """Hand ``message`` to RQ (with REDIS_URL) or to this process's threads, to be sent after ``delay``."""
    # While Redis is unreachable (the cache knows, and logs it once a minute: core/cache.py) the mail goes
    # straight to this process's threads, without waiting on the queue's own connection first.
    if settings.MAIL_QUEUE in settings.RQ_QUEUES and not getattr(cache, "unreachable", False):
        try:
            _rq_enqueue(message, attempt, delay)
            return
        except Exception as error:  # noqa: BLE001 - any failure of the queue: the threads send it instead
            logger.warning("mail not queued in Redis (%s), sent from here: %s", error, _described(message))
    if not mail_pool().enqueue(message, attempt, delay=delay):
        logger.error("mail dropped (too many waiting): %s", _described(message))


def mail_deliver(message: EmailMessage, attempt: int = 0) -> str:
    """The job: send ``message``; on failure log it and queue the next attempt, or give up after the last."""
    try:
        with get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False) as connection:
            connection.send_messages([message])
    except Exception as error:  # noqa: BLE001 - smtplib's errors, OSError (refused, timed out), TLS
        retries = settings.MAIL_RETRY_SECONDS
        if attempt < len(retries):
            logger.warning(
                "mail not sent (attempt %s), trying again in %s s: %s: %s",
                *(attempt + 1, retries[attempt], _described(message), _failure(error)),
            )
            mail_enqueue(message, attempt=attempt + 1, delay=retries[attempt])
            return "retrying"
        logger.error(
            "mail dropped, not sent in %s attempt(s): %s: %s",
            attempt + 1,
            _described(message),
            _failure(error),
        )
        return "dropped"
    logger.info("mail sent (attempt %s): %s", attempt + 1, _described(message))
    return "sent"


def _described(message: EmailMessage) -> str:
    """What the log says of a mail: its id and how many recipients, not their addresses or its text."""
    return f"{message.extra_headers.get('Message-ID', '?')} to {len(message.recipients())} recipient(s)"


def _failure(error: Exception) -> str:
    """Why a send failed, without the addresses smtplib puts in some of its errors."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return f"recipients refused {sorted({code for code, _ in error.recipients.values()})}"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{type(error).__name__} {error.smtp_code}"
    return f"{type(error).__name__}: {error}"


def _rq_enqueue(message: EmailMessage, attempt: int, delay: float) -> None:
    queue = _rq_queue(settings.MAIL_QUEUE, repr(settings.RQ_QUEUES[settings.MAIL_QUEUE]))
    options = {"result_ttl": 0, "failure_ttl": 7 * 24 * 3600, "ttl": 24 * 3600}
    if delay > 0:
        queue.enqueue_in(timedelta(seconds=delay), mail_deliver, message, attempt, **options)
    else:
        queue.enqueue(mail_deliver, message, attempt, **options)


@memoize
def _rq_queue(name: str, config: str):
    """One queue (and its Redis connection pool) per process and configuration."""
    import django_rq  # noqa: PLC0415 - only with REDIS_URL

    return django_rq.get_queue(name, commit_mode="auto")


_pool: ThreadPool | None = None
_pool_lock = threading.Lock()


def mail_pool() -> ThreadPool:
    """This process's mail threads, made on the first mail."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPool(settings.MAIL_WORKERS, mail_deliver, max_waiting=MAX_WAITING, name="mail")
        return _pool


def mail_wait(timeout: float) -> bool:
    """Wait until this process's mail threads hold nothing (a management command about to exit: its daemon
    threads would die with it); whether that happened within ``timeout``. With REDIS_URL, nothing to wait
    for: the worker sends."""
    return _pool is None or _pool.join(timeout)
