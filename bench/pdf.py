"""PDF benchmark: the app's download against a bare WeasyPrint render of the same HTML, the cache, memory,
and Chromium as a peer.

``python -m bench.pdf [--rounds 7] [--skip chromium,memory]``

Every figure is a ratio within one run. There is no comparison with an older commit: loading an old
commit's code beside this tree's broke at every change of the project's layout (the app split moved the
renderer the probe called). Each run records its commit in ``docs/performance-results.md``; compare runs
across commits there (``git log -p docs/performance-results.md``).
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import (
    DOCUMENTS,
    REPO,
    answers,
    create_prep,
    median_time,
    ms,
    page_count,
    print_table,
    setup_django,
    timed_both,
    write_results,
)

APP_MEASURES = ("app_fresh", "bare", "bare_same_options", "app_cached", "not_modified")


# --- In this process: the app's download, the bare render, the cache ---------------------------------------


def measure_app(rounds: int) -> dict:
    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse
    from weasyprint import HTML

    from documents.pdf import cache as pdf_cache
    from documents.pdf.cache import KEY_PREFIX
    from documents.pdf.fetcher import StaticFilesOnlyFetcher, static_base_url
    from documents.sources import WRITE_OPTIONS, prep_pdf_source

    # The PDF cache key hashes static/pdf/: freeze it for the run, so that someone editing the PDF's CSS in
    # this tree meanwhile cannot turn the cached-download measurements into renders.
    frozen = pdf_cache.static_fingerprint()
    pdf_cache.static_fingerprint = lambda root=None: frozen

    results = {}
    for index, (name, words) in enumerate(DOCUMENTS.items()):
        prep = create_prep(answers(words), username=f"bench{index}", title="First public safety work group")
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(prep.owner)
        url = reverse("prep_pdf", args=[prep.pk])
        source = prep_pdf_source(prep, include_examples=True, include_extras=True)
        html, key = source.html, f"{KEY_PREFIX}:{source.digest}"

        def download(expect, headers=None, client=client, url=url):
            response = client.get(url, headers=headers or {})
            assert response.get("X-PDF-Cache", "304") == expect, (
                expect,
                response.status_code,
                url,
                len(response.content),
            )
            return response

        def fresh(download=download, key=key):
            cache.delete(key)  # this PDF only: never clear a cache others may share
            return download("miss")

        def bare(html=html):
            return HTML(string=html, base_url=static_base_url()).write_pdf()

        def bare_same_options(html=html):
            fetcher = StaticFilesOnlyFetcher()
            return HTML(string=html, base_url=static_base_url(), url_fetcher=fetcher).write_pdf(
                **WRITE_OPTIONS
            )

        content = fresh().content
        etag = download("hit")["ETag"]
        bare()  # warm: fonts parsed, caches filled
        n = rounds if words < 1000 else max(3, rounds // 2)
        clocks = {key: {"cpu": [], "wall": []} for key in APP_MEASURES}

        def record(key, function, repeat=1, clocks=clocks):
            walls, cpus = zip(*(timed_both(function) for _ in range(repeat)), strict=True)
            clocks[key]["wall"].append(statistics.median(walls))
            clocks[key]["cpu"].append(statistics.median(cpus))

        for _ in range(n):
            record("app_fresh", fresh)
            record("bare", bare)
            record("bare_same_options", bare_same_options)
            record("app_cached", lambda: download("hit"), repeat=5)
            record("not_modified", lambda e=etag: download("304", {"If-None-Match": e}), repeat=5)
        cpu = {key: statistics.median(values["cpu"]) for key, values in clocks.items()}
        wall = {key: statistics.median(values["wall"]) for key, values in clocks.items()}
        pages = page_count(content)
        results[name] = {
            "words_per_answer": words,
            "pages": pages,
            "bytes": len(content),
            "rounds": n,
            "cpu_seconds": cpu,
            "wall_seconds": wall,
            "all_seconds": clocks,
            # Ratios of CPU time: this process's own work, which other processes on the machine slow less.
            "download_vs_bare": cpu["app_fresh"] / cpu["bare"],
            "download_vs_bare_same_options": cpu["app_fresh"] / cpu["bare_same_options"],
            "cached_vs_fresh": cpu["app_cached"] / cpu["app_fresh"],
            "not_modified_vs_fresh": cpu["not_modified"] / cpu["app_fresh"],
            "pages_per_second": pages / wall["app_fresh"],
            "html": html,
        }
    return results


# --- Peak memory: one render in a fresh process ------------------------------------------------------------


def measure_memory_child(name: str) -> None:
    """In a child process: warm up on an empty prep, then report the peak RSS while rendering ``name``.

    Linux keeps the process's peak RSS (VmHWM); writing 5 to /proc/self/clear_refs resets it to the current
    RSS, so the peak read after the render is this render's own.
    """
    with tempfile.TemporaryDirectory(prefix="prepmeet-bench-") as scratch:
        setup_django(REPO, Path(scratch) / "memory.sqlite3")
        from documents.sources import prep_pdf_source

        warm = create_prep({}, username="warm", title="Warm-up")
        prep_pdf_source(warm, include_examples=False, include_extras=False).render()
        prep = create_prep(answers(DOCUMENTS[name]), username="memory", title="First meeting")
        Path("/proc/self/clear_refs").write_text("5")
        before = vm_kib("VmRSS")
        prep_pdf_source(prep, include_examples=True, include_extras=True).render()
        peak = vm_kib("VmHWM")
    print(json.dumps({"peak_rss_mib": peak / 1024, "growth_mib": (peak - before) / 1024}))


def vm_kib(field: str) -> int:
    status = Path("/proc/self/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith(f"{field}:")))


def measure_memory() -> dict:
    results = {}
    for name in DOCUMENTS:
        output = subprocess.run(
            [sys.executable, "-m", "bench.pdf", "--memory-child", name],
            cwd=REPO,
            # The render in this process: in its usual forked child, the peak would be the child's, unseen.
            env={**os.environ, "PDF_RENDER_ISOLATED": "false"},
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        ).stdout
        results[name] = json.loads(output.strip().splitlines()[-1])
    return results


# --- Chromium, the peer a user might pick: print the same HTML to PDF --------------------------------------


def measure_chromium(documents: dict, rounds: int) -> dict | None:
    from testsupport.chromium import CHROMIUM_FLAGS  # the browser tests' flags (NOTES.md): no network

    chromium = shutil.which("chromium")
    if not chromium:
        print("Chromium is not installed (apt-get install chromium): skipping the Chromium comparison.")
        return None
    base = (REPO / "static" / "pdf").as_uri() + "/"  # the PDF's own static root, as the app renders it
    results = {}
    with tempfile.TemporaryDirectory(prefix="prepmeet-chromium-") as scratch:
        scratch = Path(scratch)
        pages = {"empty page (start-up floor)": "<!doctype html><title>x</title><p>x</p>"}
        pages |= {
            name: doc["html"].replace("<head>", f'<head>\n  <base href="{base}">', 1)
            for name, doc in documents.items()
        }
        for name, html in pages.items():
            source = scratch / f"{len(results)}.html"
            source.write_text(html)
            output = scratch / f"{len(results)}.pdf"

            def print_pdf(source=source, output=output):
                profile = tempfile.mkdtemp(dir=scratch)
                subprocess.run(
                    [
                        chromium,
                        "--headless",
                        "--no-pdf-header-footer",
                        *CHROMIUM_FLAGS,
                        f"--user-data-dir={profile}",
                        f"--print-to-pdf={output}",
                        source.as_uri(),
                    ],
                    capture_output=True,
                    timeout=120,
                    check=True,
                )

            seconds = median_time(print_pdf, rounds)
            results[name] = {"seconds": seconds, "pages": page_count(output.read_bytes())}
    return results


# --- The report --------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--skip", default="", help="comma-separated: chromium, memory")
    parser.add_argument("--memory-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        return measure_memory_child(args.memory_child)
    skip = set(filter(None, args.skip.split(",")))

    with tempfile.TemporaryDirectory(prefix="prepmeet-bench-") as scratch:
        setup_django(REPO, Path(scratch) / "bench.sqlite3")
        app = measure_app(args.rounds)
    memory = None if "memory" in skip else measure_memory()
    chromium = None if "chromium" in skip else measure_chromium(app, max(3, args.rounds // 2))

    rows = []
    for name, doc in app.items():
        cpu, wall = doc["cpu_seconds"], doc["wall_seconds"]

        def row(what, key, ratio, extra="", name=name, cpu=cpu, wall=wall):
            return [name, what, f"{ms(cpu[key])} / {ms(wall[key])}", ratio, extra]

        rows += [
            row("bare WeasyPrint HTML(string).write_pdf()", "bare", "1.00×", doc["pages"]),
            row(
                "bare, same options (PDF/UA-1, fetcher)",
                "bare_same_options",
                f"{cpu['bare_same_options'] / cpu['bare']:.2f}×",
            ),
            row(
                "app download, fresh render",
                "app_fresh",
                f"{doc['download_vs_bare']:.2f}×",
                f"{doc['pages_per_second']:.1f} pages/s",
            ),
            row("app download, from the cache", "app_cached", f"{doc['cached_vs_fresh']:.1%} of fresh"),
            row(
                "app download, 304 (If-None-Match)",
                "not_modified",
                f"{doc['not_modified_vs_fresh']:.1%} of fresh",
            ),
        ]
        if memory:
            peak = f"{memory[name]['peak_rss_mib']:.0f} MiB (+{memory[name]['growth_mib']:.0f})"
            rows.append([name, "peak RSS of the process (growth)", peak, "", ""])
        if chromium:
            seconds = chromium[name]["seconds"]
            ratio = f"{seconds / wall['bare']:.2f}× (wall)"
            rows.append(
                [
                    name,
                    "Chromium --headless --print-to-pdf",
                    f"- / {ms(seconds)}",
                    ratio,
                    chromium[name]["pages"],
                ]
            )
    if chromium:
        floor = chromium["empty page (start-up floor)"]["seconds"]
        rows.append(["-", "Chromium, an empty page (start-up)", f"- / {ms(floor)}", "", ""])
    print_table(
        "PDF: medians; CPU time / wall time; ratios of CPU time against the bare render of the same HTML "
        "in this run (Chromium: wall time, a separate process)",
        ["document", "what", "CPU / wall", "ratio", "pages"],
        rows,
    )

    for doc in app.values():
        del doc["html"]
    path = write_results("pdf", {"app": app, "memory": memory, "chromium": chromium})
    print(f"\nResults: {path.relative_to(REPO)}")


if __name__ == "__main__":
    sys.exit(main())
