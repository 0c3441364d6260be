"""What the benchmarks share: Django on a scratch database, an answered meeting prep, the worksheet's answers,
timing, the printed tables and the JSON results (which keep the tables, for ``bench/report.py``)."""

import datetime
import io
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
# Every benchmark, in the order ``make bench`` runs them and the report lists them.
BENCHMARKS = [
    "queries",
    "pdf",
    "pages",
    "fill",
    "profile_pdf",
    "hostile",
    "faq_suggestions",
    "growth",
    "prerender",
    "proxy",
]
# The tables this process printed, in order: each benchmark's JSON results carry them.
TABLES: list[dict] = []

# Sentences a program director might write; cycled (with the paragraph number) into answers of any length.
SENTENCES = (
    "Dana Whitfield runs the 911 communications center and owns the call-taking protocols and the CAD codes.",
    "Chief José Núñez says his officers spend shifts on welfare checks that need a clinician, not a badge.",
    "Deputy Chief Renée Okafor’s crews have co-responded to overdoses for 18 months and know the hand-offs.",
    "Marcus Lee controls the budget calendar; anything for FY28 has to be on his desk by the first of March.",
    "We should bring last year’s call data by hour and district so the group can pick the first call types.",
    "The union will ask whether unarmed responders change staffing levels, and we need a straight answer.",
    "Denver’s STAR team handled thousands of calls without needing police back-up for safety reasons.",
    "Our responders are city employees covered by the city’s liability policy, as the MOU draft spells out.",
    "The work group reviews the call list every quarter, and nothing moves without 911 and police sign-off.",
    "A monthly dashboard will show calls taken, time on scene, back-up requests and officer hours freed.",
    "Sergeants on the night shift see the repeat addresses first and have a practical view of what is safe.",
    "The county behavioral health director should join the second meeting, with our funder’s officer.",
)


def prose(words: int, seed: int = 0) -> str:
    """About ``words`` words in paragraphs of four sentences, with a short bullet list after the first."""
    paragraphs, count, index = [], 0, seed
    while count < words:
        sentences = [SENTENCES[(index + offset) % len(SENTENCES)] for offset in range(4)]
        paragraph = f"{len(paragraphs) + 1}. " + " ".join(sentences)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
        if len(paragraphs) == 1:
            items = [f"- {SENTENCES[(index + offset) % len(SENTENCES)]}" for offset in range(5, 8)]
            paragraphs.append("\n".join(items))
            count += sum(len(item.split()) for item in items)
        index += 5
    return "\n\n".join(paragraphs)


def answers(words_per_answer: int, questions: int = 4) -> dict[int, str]:
    """Answers by question position."""
    return {position: prose(words_per_answer, seed=position) for position in range(1, questions + 1)}


# The documents the PDF benchmarks render, by words per answer: the seed worksheet fully answered (5+ pages),
# and the same with long answers (~50 pages).
DOCUMENTS = {"5-page": 400, "50-page": 6000}


def setup_django(tree: Path, database: Path) -> None:
    """Django from ``tree`` on a new SQLite database at ``database``, migrated, with the seed worksheet."""
    sys.path.insert(0, str(tree))
    os.chdir(tree)
    os.environ["DJANGO_SETTINGS_MODULE"] = "prepmeet.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.pop("REDIS_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("load_content", verbosity=0)


def create_prep(answers_by_position: dict, *, username: str, title: str):
    """A meeting prep of the seed worksheet with every question answered, owned by a new user with a name."""
    from testsupport.factories import answer_create, prep_create, seed_worksheet, user_create

    owner = user_create(username, password="bench-password", first_name="Olivia", last_name="Martínez")
    worksheet = seed_worksheet()
    prep = prep_create(
        owner=owner,
        worksheet=worksheet,
        meeting_title=title,
        meeting_date=datetime.date(2026, 12, 3),
        program_name="CARE Team",
        jurisdiction="Springfield",
    )
    for question in worksheet.questions.all():
        text = answers_by_position.get(str(question.position)) or answers_by_position.get(question.position)
        answer_create(prep=prep, question=question, text=text or "")
    return prep


def page_count(content: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


def median_time(function, repeat: int) -> float:
    return statistics.median(timed(function) for _ in range(repeat))


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def cpu_seconds() -> float:
    """This process's CPU time and its finished children's: a fresh PDF renders in a forked child."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed_both(function) -> tuple[float, float]:
    """Wall-clock and CPU seconds (this process and the children it waited for) of one call."""
    start, start_cpu = time.perf_counter(), cpu_seconds()
    function()
    return time.perf_counter() - start, cpu_seconds() - start_cpu


def machine() -> dict:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": [round(load, 2) for load in os.getloadavg()],
    }


def git_commit(tree: Path = REPO) -> str:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=tree, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=tree, capture_output=True, text=True).stdout
    return result.stdout.strip() + ("+changes" if dirty.strip() else "")


def write_results(name: str, results: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    payload = {
        "bench": name,
        "commit": git_commit(),
        "run_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "tables": TABLES,
        **results,
    }
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    return path


def print_table(title: str, header: list[str], rows: list[list]) -> None:
    cells = [[str(cell) for cell in row] for row in [header, *rows]]
    TABLES.append({"title": title, "header": cells[0], "rows": cells[1:]})
    widths = [max(len(row[column]) for row in cells) for column in range(len(header))]
    print(f"\n{title}")
    print("  ".join(cell.ljust(width) for cell, width in zip(cells[0], widths, strict=True)))
    print("  ".join("-" * width for width in widths))
    for row in cells[1:]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"
