"""Concurrent saves on a SQLite file: ``python -m tests.security.sqlite_writers DB MODE WORKLOAD N SAVES``.

MODE ``configured`` uses the project's settings as they are (WAL, busy timeout, IMMEDIATE transactions);
``plain`` drops those options (Django's SQLite defaults); ``wal-only`` keeps WAL but not IMMEDIATE.

N threads, each with its own connection, save their own answer SAVES times, all released at once.
WORKLOAD ``answer_save`` is the service the autosave endpoint uses; ``read-then-write`` is a transaction that
reads, works 2 ms, then writes (as a view under ATOMIC_REQUESTS, or a longer service, would): the pattern
SQLite's default deferred transactions fail on. Prints one JSON line: how many saves failed with "database is
locked", how many answers hold their last saved text, and the time taken.
"""

import json
import os
import sys
import threading
import time


def main(db_path: str, mode: str, workload: str, threads: int, saves: int) -> dict:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prepmeet.settings")
    from django.conf import settings

    settings.DATABASES["default"]["OPTIONS"] = {
        "configured": settings.DATABASES["default"].get("OPTIONS", {}),
        "plain": {},
        "wal-only": {"init_command": "PRAGMA journal_mode=WAL"},
    }[mode]
    # No background PDF renders: they would log after the JSON line this prints, and write to the database.
    settings.PDF_PRERENDER = False
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import OperationalError, connection, connections, transaction
    from django.db.models import F

    from preps.models import Answer
    from preps.services import AnswerSaveResult, answer_save
    from testsupport.factories import prep_create, question_create, user_create, worksheet_create

    call_command("migrate", verbosity=0)
    worksheet = worksheet_create(slug="w", title="W")
    questions = [
        question_create(worksheet=worksheet, key=f"q{n}", position=n, prompt=f"Q{n}") for n in range(4)
    ]
    owner = user_create("writer")
    preps = [prep_create(owner=owner, worksheet=worksheet, meeting_title=f"P{n}") for n in range(threads)]
    journal_mode = connection.cursor().execute("PRAGMA journal_mode").fetchone()[0]
    connection.close()

    def read_then_write(prep, question, text):
        """A transaction that reads, works a moment, then writes - as a view in ATOMIC_REQUESTS would."""
        with transaction.atomic():
            answer, _ = Answer.objects.get_or_create(prep=prep, question=question)
            time.sleep(0.002)
            Answer.objects.filter(pk=answer.pk).update(text=text, version=F("version") + 1)
        return AnswerSaveResult(answer=answer, saved=True)

    locked, other_errors, last_saved = [], [], {}
    start = threading.Barrier(threads)

    def writer(number: int):
        prep, question = preps[number], questions[number % len(questions)]
        version = 0
        try:
            start.wait()
            for save in range(saves):
                text = f"writer {number}, save {save}"
                try:
                    if workload == "read-then-write":
                        result = read_then_write(prep, question, text)
                    else:
                        result = answer_save(prep=prep, question=question, text=text, base_version=version)
                except OperationalError as error:
                    (locked if "database is locked" in str(error) else other_errors).append(str(error))
                    continue
                if result.saved:
                    version, last_saved[(prep.pk, question.pk)] = result.answer.version, text
        finally:
            connections.close_all()

    began = time.monotonic()
    workers = [threading.Thread(target=writer, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    elapsed = time.monotonic() - began

    stored = {(a.prep_id, a.question_id): a.text for a in Answer.objects.all()}
    return {
        "mode": mode,
        "workload": workload,
        "journal_mode": journal_mode,
        "threads": threads,
        "saves_per_thread": saves,
        "database_is_locked": len(locked),
        "other_errors": other_errors[:3],
        "answers_holding_last_saved_text": sum(stored.get(key) == text for key, text in last_saved.items()),
        "answers_saved": len(last_saved),
        "seconds": round(elapsed, 2),
        "still_running": sum(worker.is_alive() for worker in workers),
    }


if __name__ == "__main__":
    db_path, mode, workload, threads, saves = sys.argv[1:3] + [sys.argv[3]] + [int(n) for n in sys.argv[4:6]]
    print(json.dumps(main(db_path, mode, workload, threads, saves)))
