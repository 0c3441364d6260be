"""What the benchmarks share: the worksheet's answers, timing, the printed tables and the JSON results."""

import json
import os
import platform
import statistics
import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"

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


def median_time(function, repeat: int) -> float:
    return statistics.median(timed(function) for _ in range(repeat))


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def timed_both(function) -> tuple[float, float]:
    """Wall-clock and this process's CPU seconds of one call."""
    start, start_cpu = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - start, time.process_time() - start_cpu


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
    payload = {"bench": name, "commit": git_commit(), "machine": machine(), **results}
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    return path


def print_table(title: str, header: list[str], rows: list[list]) -> None:
    cells = [[str(cell) for cell in row] for row in [header, *rows]]
    widths = [max(len(row[column]) for row in cells) for column in range(len(header))]
    print(f"\n{title}")
    print("  ".join(cell.ljust(width) for cell, width in zip(cells[0], widths, strict=True)))
    print("  ".join("-" * width for width in widths))
    for row in cells[1:]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"
