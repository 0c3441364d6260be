"""Where a fresh render of the 5-page worksheet spends its time: cProfile over a few warm renders, summed into
WeasyPrint's phases, then the functions with the most time of their own.

``python -m bench.profile_pdf [--renders 3] [--document 5-page] [--top 25]``
"""

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

from bench.common import DOCUMENTS, REPO, answers, create_prep, ms, print_table, setup_django, write_results

# (label, file suffix, function): cumulative time of each, per render. Phases nest: layout includes text.
PHASES = [
    ("Django: context + template to HTML", "worksheets/pdf/__init__.py", "prep_pdf_source"),
    ("WeasyPrint: parse HTML + style sheets", "weasyprint/css/__init__.py", "find_stylesheets"),
    ("  @font-face: load font files", "weasyprint/text/fonts.py", "add_font_face"),
    ("WeasyPrint: cascade, computed styles", "weasyprint/css/__init__.py", "get_all_computed_styles"),
    ("WeasyPrint: build boxes", "weasyprint/formatting_structure/build.py", "build_formatting_structure"),
    ("WeasyPrint: layout (pages, lines)", "weasyprint/layout/__init__.py", "layout_document"),
    ("  text shaping / line breaking (Pango)", "weasyprint/text/line_break.py", "split_first_line"),
    ("WeasyPrint: draw pages to PDF streams", "weasyprint/document.py", "paint"),
    ("WeasyPrint: embed fonts (subsetting)", "weasyprint/pdf/fonts.py", "build_fonts_dictionary"),
    ("  font subsetting (HarfBuzz / fontTools)", "weasyprint/pdf/fonts.py", "subset"),
    ("finisher: PDF/UA structure tree", "worksheets/pdf/tagging.py", "finish_structure"),
    ("pydyf: serialise the PDF", "pydyf/__init__.py", "write"),
]


def phase_times(stats: pstats.Stats, renders: int) -> list[tuple[str, float]]:
    found = []
    for label, suffix, function in PHASES:
        total = sum(
            values[3]  # cumulative time; recursive calls are counted once by cProfile's primitive-call entry
            for (filename, _, name), values in stats.stats.items()
            if filename.endswith(suffix) and name == function
        )
        found.append((label, total / renders))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--renders", type=int, default=3)
    parser.add_argument("--document", default="5-page", choices=DOCUMENTS)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="prepmeet-profile-") as scratch:
        setup_django(REPO, Path(scratch) / "profile.sqlite3")
        from documents.sources import prep_pdf_source

        prep = create_prep(answers(DOCUMENTS[args.document]), username="profile", title="First meeting")

        def render():
            return prep_pdf_source(prep, include_examples=True, include_extras=True).render()

        render()  # warm: imports, first font loads
        start = time.perf_counter()
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.renders):
            render()
        profiler.disable()
        wall = (time.perf_counter() - start) / args.renders

    stats = pstats.Stats(profiler)
    total = sum(values[2] for values in stats.stats.values()) / args.renders  # all own time, profiled
    phases = phase_times(stats, args.renders)
    print_table(
        f"PDF render profile ({args.document}, {args.renders} warm renders; profiled time per render "
        f"{ms(total)}, unprofiled wall ~{ms(wall)} with the profiler's overhead)",
        ["phase", "per render", "share"],
        [[label, ms(seconds), f"{seconds / total:.0%}"] for label, seconds in phases],
    )
    own = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[: args.top]
    print_table(
        "Functions with the most time of their own",
        ["function", "calls/render", "own time/render", "cumulative/render"],
        [
            [
                f"{Path(filename).parent.name}/{Path(filename).name}:{line} {name}",
                values[1] // args.renders,
                ms(values[2] / args.renders),
                ms(values[3] / args.renders),
            ]
            for (filename, line, name), values in own
        ],
    )
    path = write_results(
        "profile_pdf",
        {
            "document": args.document,
            "renders": args.renders,
            "profiled_seconds_per_render": total,
            "phases": dict(phases),
            "top_own_time": [
                {"function": f"{filename}:{line} {name}", "own_seconds": values[2] / args.renders}
                for (filename, line, name), values in own
            ],
        },
    )
    print(f"\nResults: {path.relative_to(REPO)}")


if __name__ == "__main__":
    sys.exit(main())
