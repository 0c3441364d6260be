"""Growth: what the dashboard, the fill page and the PDF cost as a director's data grows.

Server CPU per request, in this process (Django's test client, ``DEBUG=False``, SQLite in a scratch
directory), each figure beside a bare Django view measured in the same run and, for each axis, beside the
axis's smallest case. Axes: the number of preps on the dashboard (1, 10, 100, 1,000; target: 1,000 costs no
more than 1.5 times 10), answer length (100 vs 5,000 words a question) and roster size (5 vs 60 people) for
the fill page, the dashboard and a fresh PDF render.

``python -m bench.growth [--repeat 15]``
"""

import argparse
import os
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.common import REPO, answers, cpu_seconds, print_table, write_results

PREP_COUNTS = (1, 10, 100, 1000)
DASHBOARD_TARGET = 1.5  # 1,000 preps against 10


def setup(database: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-use-0123456789")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["STATIC_ROOT"] = str(database.parent / "static")
    os.environ.pop("REDIS_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("load_content", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)


def cpu_per_call(calls: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """The median CPU seconds of each call, the calls taken in turn round after round, so that all of them
    see the same machine load (the machines here are shared)."""
    for call in calls.values():
        call()  # warm: templates compiled, caches filled
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(repeat):
        for name, call in calls.items():
            start = cpu_seconds()
            call()
            samples[name].append(cpu_seconds() - start)
    return {name: statistics.median(values) for name, values in samples.items()}


def owner_with_preps(name: str, count: int, *, words: int = 100, people: int = 0):
    """A user with ``count`` preps; the first has answers of ``words`` words and ``people`` on its roster."""
    from preps.models import MeetingPrep
    from testsupport.factories import (
        answer_create,
        roster_fill,
        seed_worksheet,
        user_create,
        work_group_create,
    )

    owner = user_create(name)
    worksheet = seed_worksheet()
    group = work_group_create(owner=owner)
    MeetingPrep.objects.bulk_create(
        MeetingPrep(
            owner=owner, worksheet=worksheet, work_group=group, meeting_title=f"Work group meeting {n}"
        )
        for n in range(count)
    )
    first = MeetingPrep.objects.filter(owner=owner).order_by("pk").first()
    texts = answers(words)
    for question in worksheet.questions.all():
        answer_create(prep=first, question=question, text=texts[question.position])
    roster_fill(first, people)
    return owner, first


def client_for(owner):
    from django.test import Client

    client = Client()
    client.force_login(owner)
    return client


def measure(repeat: int) -> dict:
    from django.core.cache import cache
    from django.urls import reverse

    from documents.sources import prep_pdf_source

    anonymous = client_for_anonymous()
    pages: dict[str, Callable[[], object]] = {"bare view": lambda: anonymous.get("/bench/bare/")}
    for count in PREP_COUNTS:
        client = client_for(owner_with_preps(f"dash{count}", count)[0])
        pages[f"dashboard, {count} preps"] = lambda client=client: client.get(reverse("dashboard"))
    pdfs: dict[str, Callable[[], object]] = {}
    for index, (label, case) in enumerate(CASES.items()):
        owner, prep = owner_with_preps(f"case{index}", 1, **case)
        client = client_for(owner)
        fill_url = reverse("prep_fill", args=[prep.pk])
        pages[f"fill page, {label}"] = lambda client=client, url=fill_url: client.get(url)
        pages[f"dashboard, {label}"] = lambda client=client: client.get(reverse("dashboard"))

        def fresh_pdf(prep=prep):
            cache.clear()
            prep_pdf_source(prep, include_examples=True, include_extras=True).render()

        pdfs[f"PDF (fresh render), {label}"] = fresh_pdf
    seconds = cpu_per_call(pages, repeat) | cpu_per_call(pdfs, max(3, repeat // 4))
    smallest_case = next(iter(CASES))
    figures = {}
    for name, value in seconds.items():
        figures[name] = {"cpu_ms": value * 1000, "vs_bare": value / seconds["bare view"]}
        axis, _, case = name.partition(", ")
        reference = "dashboard, 10 preps" if case.endswith("preps") else f"{axis}, {smallest_case}"
        if case:
            figures[name]["vs_smallest"] = value / seconds[reference]
    return figures


CASES = {
    "100 words, 5 people": dict(words=100, people=5),
    "5,000 words, 5 people": dict(words=5000, people=5),
    "100 words, 60 people": dict(words=100, people=60),
}


def client_for_anonymous():
    from django.test import Client

    return Client()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="prepmeet-growth-") as scratch:
        setup(Path(scratch) / "growth.sqlite3")
        figures = measure(arguments.repeat)
    rows = [
        [
            name,
            f"{v['cpu_ms']:.1f} ms",
            f"{v['vs_bare']:.1f}x",
            f"{v['vs_smallest']:.2f}x" if "vs_smallest" in v else "",
        ]
        for name, v in figures.items()
    ]
    print_table(
        "Server CPU per request as data grows (in process, SQLite, DEBUG=False)",
        ["request", "CPU", "vs bare view", "vs 10 preps / vs 100 words, 5 people"],
        rows,
    )
    ratio = figures["dashboard, 1000 preps"]["vs_smallest"]
    verdict = "meets" if ratio <= DASHBOARD_TARGET else "MISSES"
    target = f"target <= {DASHBOARD_TARGET}x"
    print(f"\nDashboard with 1,000 preps: {ratio:.2f}x its cost with 10 ({target}): {verdict}")
    path = write_results("growth", {"figures": figures, "dashboard_target": DASHBOARD_TARGET})
    print(f"Results: {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
