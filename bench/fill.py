"""The fill page and autosave against the bare view (issue 12 points 1 and 2): server CPU per request in this
process (Django's test client, ``DEBUG=False``, SQLite in a scratch directory), all three taken in turn each
round so that they see the same machine load, the SQL queries of each, and the ratios beside their targets.

The fill page is the owner's, with every question answered (~400 words), 30 people on the roster and comments
from a colleague (a commenter) on each question and on a few people, so the comment boxes are shown. The
autosave is a 200 save of a ~400-word answer, posted URL-encoded as the page's script posts it, each on the
version the one before returned.

``python -m bench.fill [--repeat 40] [--profile fill|autosave]``: ``--profile`` prints cProfile's top
functions for that request instead (cumulative and own time), in process with ``DEBUG`` off.
"""

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

from bench.common import REPO, answers, create_prep, print_table, write_results
from bench.growth import cpu_per_call, setup
from bench.pages import PEOPLE

TARGETS = {"fill page": 8.0, "autosave": 5.0}  # at most this many times the bare view's CPU
AUTOSAVE_MAX_QUERIES = 4


def prepare():
    """The bare view's, the fill page's and the autosave's calls, each returning its response."""
    from django.test import Client
    from django.urls import reverse

    from bench.pages import crowd_in
    from testsupport.factories import user_create

    prep = create_prep(answers(400), username="fill-owner", title="First public safety work group")
    crowd_in(prep, colleague=user_create("fill-colleague", first_name="Ana", last_name="Ruiz"))
    owner = Client()
    owner.force_login(prep.owner)
    anonymous = Client()
    question = prep.worksheet.questions.order_by("position").first()
    save_url = reverse("answer_autosave", args=[prep.pk, question.key])
    text = answers(400)[1]
    version = [prep.answers.get(question=question).version]
    fill_url = reverse("prep_fill", args=[prep.pk])

    # URL-encoded, as the page's script (static/js/saver.js) and bench.pages' wrk client post it; the ~400
    # words are encoded once, outside the calls: the browser's work, not the server's.
    encoded_text = urlencode({"text": text})

    def autosave():
        body = f"{encoded_text}+{version[0]}&version={version[0]}"  # the text, a space and the version
        response = owner.post(save_url, body, content_type="application/x-www-form-urlencoded")
        assert response.status_code == 200, response.content
        version[0] = response.json()["version"]
        return response

    def fill():
        response = owner.get(fill_url)
        assert response.status_code == 200
        return response

    return {"bare view": lambda: anonymous.get("/bench/bare/"), "fill page": fill, "autosave": autosave}


TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def count_queries(calls) -> dict[str, dict[str, int]]:
    """Each call's SQL as captured here (sessions in SQLite, SQLite's BEGIN and COMMIT), and as production
    runs it: without the session read (Redis, ``cached_db``) or transaction control (PostgreSQL's driver
    sends BEGIN and COMMIT itself; Django does not count them)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    session_table = '"django_session"'  # this bench keeps sessions in the database
    counts = {}
    for name, call in calls.items():
        call()  # the second call: a session already saved, an autosave within its revision's window
        with CaptureQueriesContext(connection) as queries:
            call()
        statements = [query["sql"].strip() for query in queries.captured_queries]
        production = [
            sql for sql in statements if not sql.startswith(TRANSACTION_CONTROL) and session_table not in sql
        ]
        counts[name] = {"here": len(statements), "production": len(production)}
    return counts


def profile(call, rounds: int = 30) -> str:
    call()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        call()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--profile", choices=["fill", "autosave"])
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="prepmeet-fill-") as scratch:
        setup(Path(scratch) / "fill.sqlite3")
        calls = prepare()
        if arguments.profile:
            print(profile(calls["fill page" if arguments.profile == "fill" else "autosave"]))
            return 0
        queries = count_queries(calls)
        seconds = cpu_per_call(calls, arguments.repeat)
    bare = seconds["bare view"]
    figures = {
        name: {
            "cpu_ms": value * 1000,
            "vs_bare": value / bare,
            "queries": queries[name]["here"],
            "statements_in_production": queries[name]["production"],
        }
        for name, value in seconds.items()
    }
    rows = []
    for name, figure in figures.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else ("meets" if figure["vs_bare"] <= target else "MISSES")
        query_target = f"<= {AUTOSAVE_MAX_QUERIES}" if name == "autosave" else ""
        rows.append(
            [
                name,
                f"{figure['cpu_ms']:.2f} ms",
                f"{figure['vs_bare']:.1f}x",
                f"<= {target:g}x {verdict}" if target else "",
                figure["queries"],
                figure["statements_in_production"],
                query_target,
            ]
        )
    print_table(
        "Server CPU per request, in process (test client, DEBUG=False, SQLite), "
        f"medians of {arguments.repeat};"
        f" fill page: {PEOPLE} people and comments",
        ["request", "CPU", "vs bare", "target", "SQL here", "SQL in production", "target"],
        rows,
    )
    path = write_results("fill", {"figures": figures, "targets": TARGETS, "people": PEOPLE})
    print(f"Results: {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
