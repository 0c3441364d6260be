"""Question 4's FAQ suggestions on the phrasing set (testsupport/faq_phrasings.py): top-1 and top-3 accuracy,
and each phrasing whose best suggestion is not the expected entry. ``python -m bench.faq_suggestions``

tests/worksheets/test_faq_suggestions.py keeps top-3 at 90% or better.
"""

import sys

from bench.common import REPO, print_table, write_results


def main() -> int:
    sys.path.insert(0, str(REPO))
    from testsupport.faq_quality import faq_quality  # no database: the FAQ as the fixture holds it

    quality = faq_quality()
    print_table(
        f"FAQ suggestions on {quality.total} phrasings",
        ["measure", "value"],
        [
            ["top-1 accuracy", f"{quality.top1_rate:.1%} ({quality.top1}/{quality.total})"],
            ["top-3 accuracy", f"{quality.top3_rate:.1%} ({quality.top3}/{quality.total})"],
        ],
    )
    if quality.misses:
        print_table(
            "Best suggestion not the expected entry",
            ["phrasing", "expected", "top 3"],
            [
                [phrasing, expected, " ".join(map(str, found)) or "-"]
                for phrasing, expected, found in quality.misses
            ],
        )
    write_results(
        "faq_suggestions",
        {
            "phrasings": quality.total,
            "top1": quality.top1_rate,
            "top3": quality.top3_rate,
            "misses": [list(miss) for miss in quality.misses],
        },
    )
    return 0 if quality.top3_rate >= 0.9 else 1


if __name__ == "__main__":
    sys.exit(main())
