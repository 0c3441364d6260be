"""Concurrent writers on PostgreSQL, with real connections: nothing is lost and no one overwrites newer text.

* Lost updates: N threads, each with its own database connection, save the same answer from the same version
  at the same moment. The version check and the write are one conditional UPDATE (``answer_save``), so
  exactly one wins per version and every other one is told, with the winner's text.
* Load: many clients autosave different answers of different meeting preps over HTTP on 127.0.0.1 at once
  (Django's live server, a thread and a connection per request). Afterwards every answer holds the last text
  its client was told was saved, and no request got a 5xx. The loop is bounded in requests and in time.

Marked ``postgres``: skipped on SQLite (where SQLite's own locking serialises writers), and under CI a skip
while PostgreSQL is configured fails.
"""

import http.client
import json
import secrets
import threading
import time
import urllib.parse
from collections import Counter

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client

from preps.models import Answer
from preps.services import answer_save
from testsupport.factories import prep_create, question_create, user_create, worksheet_create
from worksheets.models import Worksheet

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WRITERS = 8
ROUNDS = 5


def run_at_once(count: int, work):
    """``work(i)`` in ``count`` threads released together; each thread opens and closes its own connection."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def thread(i):
        try:
            barrier.wait(timeout=30)
            results[i] = work(i)
        except Exception as error:  # noqa: BLE001 - reported below, with the others
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=thread, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a writer did not finish within 60 s"
    assert not errors, errors
    return results


def test_n_writers_on_one_answer_exactly_one_wins_per_version_and_every_loser_is_told(prep):
    question = prep.worksheet.questions.get(position=1)
    for round_number in range(ROUNDS):
        base = (
            Answer.objects.filter(prep=prep, question=question).values_list("version", flat=True).first() or 0
        )
        texts = [f"round {round_number}, writer {i}" for i in range(WRITERS)]

        def save(i, texts=texts, base=base):
            return answer_save(prep=prep, question=question, text=texts[i], base_version=base)

        results = run_at_once(WRITERS, save)

        winners = [i for i, result in enumerate(results) if result.saved]
        assert len(winners) == 1, f"round {round_number}: {len(winners)} writers won version {base}"
        stored = Answer.objects.get(prep=prep, question=question)
        assert (stored.text, stored.version) == (texts[winners[0]], base + 1)
        for i, result in enumerate(results):
            if i != winners[0]:  # told, with the text that won
                assert (result.answer.text, result.answer.version) == (texts[winners[0]], base + 1)


def test_first_saves_of_a_new_answer_race_safely(prep):
    """No answer row yet: every writer creates it at once (get_or_create under a unique constraint)."""
    question = prep.worksheet.questions.get(position=2)
    results = run_at_once(
        WRITERS, lambda i: answer_save(prep=prep, question=question, text=f"w{i}", base_version=0)
    )
    assert sum(result.saved for result in results) == 1
    assert Answer.objects.filter(prep=prep, question=question).count() == 1


# --- load over HTTP -----------------------------------------------------------------------------------------

CLIENTS = 12
SAVES_PER_ANSWER = 6
DEADLINE_SECONDS = 120


def second_worksheet(seed: Worksheet) -> Worksheet:
    other = worksheet_create(slug="after-launch", title="Reviewing the first month")
    for question in seed.questions.all():
        question_create(
            worksheet=other, key=question.key, position=question.position, prompt=f"Later: {question.prompt}"
        )
    return other


class AutosavingClient:
    """One user in one browser tab: saves each answer of their prep in turn, as the page script does."""

    def __init__(self, live_server_url, user, prep):
        django_client = Client()
        django_client.force_login(user)
        self.session = django_client.cookies[settings.SESSION_COOKIE_NAME].value
        self.csrf = secrets.token_hex(16)  # the double-submit secret: the same value in cookie and header
        self.host, self.port = urllib.parse.urlsplit(live_server_url).netloc.split(":")
        assert self.host in ("127.0.0.1", "localhost")
        self.prep = prep
        self.questions = list(prep.worksheet.questions.order_by("position"))
        self.versions = {question.pk: 0 for question in self.questions}
        self.acknowledged = {}
        self.statuses = Counter()

    def save(self, question, text):
        body = urllib.parse.urlencode({"text": text, "version": self.versions[question.pk]})
        connection = http.client.HTTPConnection(self.host, int(self.port), timeout=15)
        try:
            connection.request(
                "POST",
                f"/preps/{self.prep.pk}/answers/{question.key}/",
                body=body,
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"{settings.SESSION_COOKIE_NAME}={self.session}; csrftoken={self.csrf}",
                    "X-CSRFToken": self.csrf,
                    "X-Requested-With": "fetch",
                },
            )
            response = connection.getresponse()
            payload = response.read()
        finally:
            connection.close()
        self.statuses[response.status] += 1
        if response.status == 200:
            self.versions[question.pk] = json.loads(payload)["version"]
            self.acknowledged[question.pk] = text

    def run(self, deadline):
        for round_number in range(SAVES_PER_ANSWER):
            for question in self.questions:
                if time.monotonic() > deadline:
                    return
                self.save(
                    question, f"prep {self.prep.pk}, question {question.position}, save {round_number} ✓"
                )


def test_many_clients_autosaving_lose_nothing_and_get_no_5xx(live_server, worksheet):
    other = second_worksheet(worksheet)
    clients = []
    for number in range(CLIENTS):
        user = user_create(f"u{number}")
        prep = prep_create(
            owner=user, worksheet=worksheet if number % 2 else other, meeting_title=f"Meeting {number}"
        )
        clients.append(AutosavingClient(live_server.url, user, prep))
    deadline = time.monotonic() + DEADLINE_SECONDS

    run_at_once(CLIENTS, lambda i: clients[i].run(deadline))

    statuses = sum((client.statuses for client in clients), Counter())
    assert not [status for status in statuses if status >= 500], statuses
    assert statuses == Counter({200: CLIENTS * SAVES_PER_ANSWER * 4}), statuses
    for client in clients:
        stored = dict(Answer.objects.filter(prep=client.prep).values_list("question_id", "text"))
        assert stored == client.acknowledged
