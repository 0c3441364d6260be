"""SQL queries per page for the seed worksheet (4 questions, 8 FAQ entries) and one ten times its size.

The counts must be equal; ``tests/preps/test_query_counts.py`` enforces it (and names each query). This prints
the table. ``python -m bench.queries``
"""

import sys
import tempfile
from pathlib import Path

from bench.common import REPO, create_prep, print_table, setup_django, write_results

SIZES = {"4 questions, 8 FAQ entries": 1, "40 questions, 80 FAQ entries": 10}


def count_queries(factor: int, index: int) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from testsupport.factories import worksheet_grow as grow

    prep = grow(create_prep({}, username=f"queries{index}", title="First meeting"), factor)
    question = prep.worksheet.questions.order_by("position").first()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(prep.owner)
    pdf = reverse("prep_pdf", args=[prep.pk])
    requests = {
        # The worksheet's content is read once per content version and process (worksheets.selectors): the
        # first page to need it reads it (5 queries more), the others find it cached.
        "home, the content's first read": lambda: client.get(reverse("home")),
        "home": lambda: client.get(reverse("home")),
        "FAQ": lambda: client.get(reverse("faq")),
        "dashboard": lambda: client.get(reverse("dashboard")),
        "fill page": lambda: client.get(reverse("prep_fill", args=[prep.pk])),
        "autosave (POST)": lambda: client.post(
            reverse("answer_autosave", args=[prep.pk, question.key]), {"text": "Saved", "version": 1}
        ),
        "PDF download, fresh render": lambda: client.get(pdf),
        "PDF download, from the cache": lambda: client.get(pdf),
        "PDF download, 304": lambda: client.get(pdf, headers={"If-None-Match": etag}),
    }
    counts, etag = {}, None
    for name, request in requests.items():
        with CaptureQueriesContext(connection) as queries:
            response = request()
        assert response.status_code in (200, 304), (name, response.status_code)
        etag = response.get("ETag", etag)
        counts[name] = len(queries)
    return counts


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="prepmeet-queries-") as scratch:
        setup_django(REPO, Path(scratch) / "queries.sqlite3")
        from django.core.cache import cache

        counts = {}
        for index, (label, factor) in enumerate(SIZES.items()):  # the seed size first: it adds nothing
            cache.clear()  # this process's own in-memory cache
            counts[label] = count_queries(factor, index)
    small, large = counts.values()
    rows = [
        [page, small[page], large[page], "equal" if small[page] == large[page] else "DIFFERENT"]
        for page in small
    ]
    print_table("SQL queries per page (SQLite; same counts on PostgreSQL)", ["page", *SIZES, ""], rows)
    path = write_results("queries", {"queries": counts})
    print(f"\nResults: {path.relative_to(REPO)}")


if __name__ == "__main__":
    sys.exit(main())
