"""The PDF is ready before the click (issues 12.3 and 13.6): directors who edit, pause and download, with the
background renders of ``documents/prerender.py`` off, on with the in-process thread pool (no Redis), and on
with RQ (Redis and a ``manage.py prerender_worker`` process). Target: at least 95 % of the downloads served
from the cache.

Each director (a thread with its own Django test client and session, all at once, started a second apart)
repeats a round: ``--saves`` autosaves of a growing answer ``--typing`` seconds apart (the fill page's script
saves about a second after she stops typing), a ``--pause``, then the notes PDF with its default options
(the fill page's Download link) and the meeting brief PDF. Every round changes the answers, so without the
background renders every download is a fresh render. The app's settings are its defaults
(PDF_PRERENDER_DELAY 2 s, PDF_PRERENDER_WORKERS 1) except the per-user render rate, raised in every phase so
that the baseline's fresh renders are not refused with 429s (a director downloading every few seconds
would reach 10 a minute). In process, SQLite in a scratch directory, ``DEBUG=False``; each phase in its own
process.

``python -m bench.prerender [--rounds 8] [--directors 3] [--pause 5] [--phases off,threads,rq]``
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from bench.common import REPO, print_table, prose, write_results

TARGET = 0.95
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")


def setup(database: Path, phase: str) -> str:
    """The environment of ``phase``, Django set up on a fresh database; the cache key prefix."""
    prefix = f"bench-prerender-{uuid.uuid4().hex[:8]}"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": f"sqlite:///{database}",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "testserver",
            "SECURE_SSL_REDIRECT": "false",
            "LOG_LEVEL": "WARNING",
            "STATIC_ROOT": str(database.parent / "static"),
            "PDF_PRERENDER": "off" if phase == "off" else "on",
            "PDF_RENDER_RATE_PER_USER": "120",
            "CACHE_KEY_PREFIX": prefix,
        }
    )
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-use-0123456789")
    os.environ.pop("REDIS_URL", None)
    if phase == "rq":
        os.environ["REDIS_URL"] = REDIS_URL
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("load_content", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)  # DEBUG=False: refusal pages need the manifest
    return prefix


def director_prep(index: int):
    from testsupport.factories import answer_create, prep_create, seed_worksheet, user_create

    owner = user_create(f"director{index}")
    prep = prep_create(owner=owner, worksheet=seed_worksheet(), meeting_title=f"Work group meeting {index}")
    for question in prep.worksheet.questions.all():
        answer_create(prep=prep, question=question, text=prose(300, seed=question.position), version=1)
    return owner, prep


def director(index, owner, prep, arguments, downloads: list, errors: list) -> None:
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(owner)
    questions = list(prep.worksheet.questions.order_by("position"))
    versions = {question.pk: 1 for question in questions}
    texts = {question.pk: prose(300, seed=question.position) for question in questions}
    urls = {"notes": reverse("prep_pdf", args=[prep.pk]), "brief": reverse("prep_brief_pdf", args=[prep.pk])}
    time.sleep(index)
    try:
        for round_number in range(arguments.rounds):
            question = questions[round_number % len(questions)]
            for save in range(arguments.saves):
                texts[question.pk] += f" Round {round_number}, sentence {save}."
                response = client.post(
                    reverse("answer_autosave", args=[prep.pk, question.key]),
                    {"text": texts[question.pk], "version": versions[question.pk]},
                )
                if response.status_code != 200:
                    raise RuntimeError(f"autosave answered {response.status_code}")
                versions[question.pk] = response.json()["version"]
                time.sleep(arguments.typing)
            time.sleep(arguments.pause)
            for kind, url in urls.items():
                start = time.monotonic()
                response = client.get(url)
                seconds = time.monotonic() - start
                downloads.append((kind, response.status_code, response.get("X-PDF-Cache"), seconds))
    except Exception as error:  # noqa: BLE001 - reported in the results, the other directors go on
        errors.append(f"director {index}: {error!r}")


def run_phase(phase: str, arguments) -> dict:
    """One phase in this process: the directors' rounds, and what the background did."""
    with tempfile.TemporaryDirectory(prefix="prepmeet-prerender-") as scratch:
        prefix = setup(Path(scratch) / "bench.sqlite3", phase)
        import logging

        rendered = []

        class Count(logging.Handler):
            def emit(self, record):
                if record.getMessage().startswith("PDF prerender rendered"):
                    rendered.append(record)

        prerender_log = logging.getLogger("documents.prerender")
        prerender_log.setLevel(logging.INFO)
        prerender_log.addHandler(Count())
        prerender_log.propagate = False
        worker = None
        worker_log_path = Path(scratch) / "worker.log"
        if phase == "rq":
            # Its log to a file, never a pipe nobody reads while it runs: a full pipe stops the worker.
            with worker_log_path.open("w") as worker_log_file:
                worker = subprocess.Popen(
                    [sys.executable, "manage.py", "prerender_worker"],
                    cwd=REPO,
                    env={**os.environ, "LOG_LEVEL": "INFO", "LOG_FORMAT": "text"},
                    stdout=worker_log_file,
                    stderr=subprocess.STDOUT,
                )
            time.sleep(3)  # its start-up (Django, the scheduler)
        people = [director_prep(index) for index in range(arguments.directors)]
        downloads, errors = [], []
        threads = [
            threading.Thread(target=director, args=(index, owner, prep, arguments, downloads, errors))
            for index, (owner, prep) in enumerate(people)
        ]
        start = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - start
        worker_log = ""
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=60)
            worker_log = worker_log_path.read_text()
            background = len(re.findall(r"PDF prerender rendered", worker_log))
            _clean_redis(prefix)
        else:
            background = len(rendered)
    hits = sum(1 for _, status, cache, _ in downloads if status == 200 and cache == "hit")
    latencies = sorted(seconds for _, status, _, seconds in downloads if status == 200)  # a 429 is quick
    return {
        "phase": phase,
        "downloads": len(downloads),
        "hits": hits,
        "hit_rate": hits / len(downloads) if downloads else 0.0,
        "refused": sum(1 for _, status, *_ in downloads if status != 200),
        "p50_ms": statistics.median(latencies) * 1000 if latencies else 0.0,
        "p90_ms": latencies[int(0.9 * (len(latencies) - 1))] * 1000 if latencies else 0.0,
        "max_ms": latencies[-1] * 1000 if latencies else 0.0,
        "background_renders": background,
        "seconds": elapsed,
        "errors": errors
        + ([worker_log[-2000:]] if worker is not None and worker.returncode not in (0, -15) else []),
    }


def _clean_redis(prefix: str) -> None:
    """This run's keys only (its cache prefix, its queue): never anyone else's."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for pattern in (f"{prefix}:*", f"rq:*{prefix}-prerender*"):
        for key in client.scan_iter(pattern):
            client.delete(key)


def redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--directors", type=int, default=3)
    parser.add_argument("--saves", type=int, default=3)
    parser.add_argument("--typing", type=float, default=1.0, help="seconds between her autosaves")
    parser.add_argument("--pause", type=float, default=5.0, help="seconds after the last typing pause")
    parser.add_argument("--phases", default="off,threads,rq")
    parser.add_argument("--phase", help=argparse.SUPPRESS)  # one phase, in this process (a child of main)
    arguments = parser.parse_args()
    if arguments.phase:
        print(json.dumps(run_phase(arguments.phase, arguments)))
        return 0
    phases = arguments.phases.split(",")
    if "rq" in phases and not redis_reachable():
        print(f"No Redis at {REDIS_URL}: the rq phase is left out (BENCH_REDIS_URL names another).")
        phases.remove("rq")
    results = []
    passed = [
        f"--{name}={getattr(arguments, name)}" for name in ("rounds", "directors", "saves", "typing", "pause")
    ]
    for phase in phases:
        completed = subprocess.run(
            [sys.executable, "-m", "bench.prerender", f"--phase={phase}", *passed],
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        if completed.returncode != 0:
            print(completed.stdout[-3000:], completed.stderr[-3000:], file=sys.stderr)
            return 1
        results.append(json.loads(completed.stdout.strip().splitlines()[-1]))
    labels = {
        "off": "off (baseline)",
        "threads": "on, thread pool (no Redis)",
        "rq": "on, RQ + prerender_worker",
    }
    rows = [
        [
            labels[r["phase"]],
            r["downloads"],
            f"{r['hit_rate']:.0%}",
            r["refused"],
            f"{r['p50_ms']:.0f} ms",
            f"{r['p90_ms']:.0f} ms",
            f"{r['max_ms']:.0f} ms",
            r["background_renders"],
        ]
        for r in results
    ]
    print_table(
        f"Edit, pause, download: {arguments.directors} directors at once, {arguments.rounds} rounds each "
        f"({arguments.saves} autosaves {arguments.typing:g} s apart, {arguments.pause:g} s pause, "
        "notes + brief PDF)",
        [
            "background renders",
            "downloads",
            "from the cache",
            "refused (429)",
            "p50 (200s)",
            "p90",
            "max",
            "renders behind",
        ],
        rows,
    )
    for r in results:
        if r["phase"] != "off":
            verdict = "meets" if r["hit_rate"] >= TARGET else "MISSES"
            share = f"{r['hit_rate']:.1%} from the cache"
            print(f"{labels[r['phase']]}: {share} (target >= {TARGET:.0%}): {verdict}")
        for error in r["errors"]:
            print(f"  error: {error}", file=sys.stderr)
    path = write_results("prerender", {"arguments": vars(arguments), "target": TARGET, "phases": results})
    print(f"Results: {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
