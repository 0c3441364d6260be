"""No request fails because mail fails (issue 24 point 5): every e-mail goes out from the job queue
(core/mail.py), tried again when the mail server is down or refuses, and each failure is logged.

The mail server is real: aiosmtpd in its own process on a port of 20500-20599 (testsupport/smtp.py), or
nothing listening there at all. Before the change a comment whose owner's digest was due answered 500 with
the server down, and the comment was stored anyway.
"""

import io
import logging
import os
import threading
import uuid
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.services import email_mark_verified
from core import mail as outgoing
from sharing.models import Comment, Invitation
from testsupport.factories import share_create, user_create
from testsupport.smtp import SMTPServer, release_port, reserve_port_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("private_cache")]

PORTS = range(20500, 20600)
User = get_user_model()
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


class LogEvents(logging.Handler):
    """Sets ``event`` once a record of core.mail contains ``words``: the test waits for it, not a clock."""

    def __init__(self, words: str):
        super().__init__()
        self.words, self.event, self.records = words, threading.Event(), []

    def emit(self, record):
        self.records.append(record.getMessage())
        if self.words in record.getMessage():
            self.event.set()


@pytest.fixture
def log_events():
    handlers = []

    def watch(words: str) -> LogEvents:
        handler = LogEvents(words)
        logging.getLogger("core.mail").addHandler(handler)
        handlers.append(handler)
        return handler

    yield watch
    for handler in handlers:
        logging.getLogger("core.mail").removeHandler(handler)


@pytest.fixture
def smtp_port(settings, monkeypatch):
    """Mail through the queue (the test runner's own backend replaced) to SMTP on 127.0.0.1:<port>, from
    mail threads of this test's own, with no retries unless the test asks for them."""
    monkeypatch.setattr(outgoing, "_pool", None)
    settings.MAIL_RETRY_SECONDS = []
    port = reserve_port_in(PORTS)  # held, refusing connections, until the test starts its server there
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.DEFAULT_FROM_EMAIL = "prepmeet <noreply@prepmeet.example.org>"
    settings.RQ_QUEUES = {}
    try:
        yield port
        assert outgoing.mail_wait(timeout=30), "nothing left to send when the test ends"
    finally:
        release_port(port)


@pytest.fixture
def commenting(owner, prep, settings):
    """A commenter on the owner's prep, and a digest due at once after her comment."""
    settings.COMMENT_DIGEST_DELAY = timedelta(0)
    settings.MAIL_RETRY_SECONDS = [0.2] * 100  # twenty seconds of retries: the server comes back within them
    colleague = user_create("cora", email_verified=True, first_name="Cora")
    email_mark_verified(user=owner)
    share_create(prep=prep, user=colleague, role="commenter")
    client = Client(raise_request_exception=False)
    client.force_login(colleague)
    return client


def comment(client, prep, text):
    question = prep.worksheet.questions.get(position=1)
    return client.post(reverse("comment_create", args=[prep.pk]), {"comment": text, "question": question.key})


def test_with_the_mail_server_down_comments_are_saved_and_the_digest_goes_out_when_it_is_back(
    smtp_port, commenting, prep, tmp_path, log_events
):
    failed = log_events("mail not sent (attempt 1)")
    first = comment(commenting, prep, "The chief will ask about liability.")
    assert first.status_code == 302
    assert failed.event.wait(20), "the failure is logged"
    assert comment(commenting, prep, "And about response times.").status_code == 302
    assert Comment.objects.count() == 2  # each once: nothing to retry, nothing duplicated

    server = SMTPServer(smtp_port, tmp_path / "maildir").start()
    try:
        assert outgoing.mail_pool().join(timeout=30)
        digests = server.messages()
    finally:
        server.stop()
    assert len(digests) == 2  # one digest per comment, each claimed once
    assert all("new comment" in message["Subject"] for message in digests)
    assert all(message["From"] == "prepmeet <noreply@prepmeet.example.org>" for message in digests)


def test_a_mail_server_that_refuses_costs_no_request_and_each_failure_is_logged(
    smtp_port, owner, prep, settings, tmp_path, log_events
):
    settings.MAIL_RETRY_SECONDS = [0.1, 0.1]
    dropped = log_events("mail dropped, not sent in 3 attempt(s)")
    server = SMTPServer(smtp_port, tmp_path / "maildir", refuse=True).start()
    try:
        client = Client(raise_request_exception=False)
        client.force_login(owner)
        response = client.post(
            reverse("sharing", args=[prep.pk]), {"email": "cora@example.org", "role": "viewer"}
        )
        assert response.status_code == 302
        assert dropped.event.wait(20)
    finally:
        server.stop()
    assert Invitation.objects.filter(email="cora@example.org").count() == 1  # the owner can send it again
    assert sum("mail not sent" in line for line in dropped.records) == 2
    assert not any("cora@example.org" in line for line in dropped.records)  # ids in the log, no address


def test_a_password_reset_with_the_mail_server_down_answers_as_usual(smtp_port, owner, log_events):
    failed = log_events("mail dropped, not sent in 1 attempt(s)")  # no retries asked for here
    response = Client(raise_request_exception=False).post(
        reverse("password_reset"), {"email": "olivia@example.org"}
    )
    assert response.status_code == 302
    assert failed.event.wait(20)


@pytest.fixture
def rq_mail_queue(settings):
    redis = pytest.importorskip("redis")
    connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        connection.ping()
    except redis.RedisError as error:
        pytest.skip(f"needs Redis at {REDIS_URL}: {error}")
    import django_rq

    suffix = uuid.uuid4().hex[:8]
    settings.MAIL_QUEUE = f"prepmeet-test-mail-{suffix}"
    settings.PDF_PRERENDER_QUEUE = f"prepmeet-test-prerender-{suffix}"
    settings.RQ_QUEUES = {
        name: {"URL": REDIS_URL} for name in (settings.MAIL_QUEUE, settings.PDF_PRERENDER_QUEUE)
    }
    outgoing._rq_queue.cache_clear()
    queue = django_rq.get_queue(settings.MAIL_QUEUE)
    yield queue
    queue.delete(delete_jobs=True)
    django_rq.get_queue(settings.PDF_PRERENDER_QUEUE).delete(delete_jobs=True)
    outgoing._rq_queue.cache_clear()


def test_with_redis_the_mail_waits_in_the_queue_and_the_worker_sends_it(
    smtp_port, rq_mail_queue, owner, prep, tmp_path
):
    server = SMTPServer(smtp_port, tmp_path / "maildir").start()
    try:
        client = Client(raise_request_exception=False)
        client.force_login(owner)
        response = client.post(
            reverse("sharing", args=[prep.pk]), {"email": "cora@example.org", "role": "viewer"}
        )
        assert response.status_code == 302
        assert rq_mail_queue.count == 1 and not server.messages()  # queued, not sent in the request
        call_command("prerender_worker", "--burst", verbosity=0)
        (message,) = server.messages()
    finally:
        server.stop()
    assert message["To"] == "cora@example.org"
    assert "invited you" in message["Subject"]


def test_the_digest_command_waits_for_its_mail_threads_before_it_exits(smtp_port, commenting, prep, tmp_path):
    """Without Redis the cron command's mails go out from its own threads, which die with it."""
    question = prep.worksheet.questions.get(position=1)
    Comment.objects.create(prep=prep, question=question, author=User.objects.get(username="cora"), text="Hi")
    server = SMTPServer(smtp_port, tmp_path / "maildir").start()
    try:
        call_command("send_comment_digests", stdout=io.StringIO())
        (digest,) = server.messages()  # sent before the command returned: no wait here
    finally:
        server.stop()
    assert "1 new comment" in digest["Subject"]
