"""The worst render found (issue 13): answers at the 50,000-character limit shaped to make WeasyPrint's layout
superlinear, beside the filled seed worksheet's render. Each render runs through the app's own path (a child
process under the render limits); CPU is the child's, memory its peak resident size.

``python -m bench.hostile`` (also part of ``make bench``).
"""

import resource
import sys
import tempfile
import time
from pathlib import Path

from bench.common import REPO, answers, create_prep, page_count, print_table, setup_django, write_results

LIMIT = 50_000
SHAPES = {
    "one unbroken word": "a" * LIMIT,
    "25,000 short lines": "ab\n" * (LIMIT // 3),
    "12,500 bullets": "- a\n" * (LIMIT // 4),
    "16,666 paragraphs": "a\n\n" * (LIMIT // 3),
    "prose at the limit": ("word " * 200 + "\n\n") * (LIMIT // 1002),
}


def children() -> tuple[float, int]:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="prepmeet-hostile-") as scratch:
        setup_django(REPO, Path(scratch) / "bench.sqlite3")
        from documents.pdf.isolated import RenderFailed
        from documents.sources import prep_pdf_source

        documents = {"filled seed (5 pages)": answers(400)}
        documents |= {
            f"4 answers: {name}": dict.fromkeys(range(1, 5), text[:LIMIT]) for name, text in SHAPES.items()
        }
        rows = []
        for index, (name, texts) in enumerate(documents.items()):
            prep = create_prep(texts, username=f"hostile{index}", title="Hostile")
            source = prep_pdf_source(prep, include_examples=True, include_extras=True)
            cpu_before, _ = children()
            started = time.monotonic()
            try:
                content = source.render()
                outcome = f"{page_count(content)} pages"
            except RenderFailed as error:
                outcome = f"refused: {error.reason}"
            cpu_after, peak_kib = children()
            rows.append(
                [
                    name,
                    f"{time.monotonic() - started:.2f}",
                    f"{cpu_after - cpu_before:.2f}",
                    f"{peak_kib // 1024}",
                    outcome,
                ]
            )
        print_table(
            "Worst renders found (issue 13) beside the filled seed",
            ["document", "wall s", "CPU s (child)", "peak RSS MiB (any child)", "result"],
            rows,
        )
    path = write_results("hostile", {"limit": LIMIT})
    print(f"\nResults: {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
