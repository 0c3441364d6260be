"""``make bench``: every benchmark in turn, each in its own process. Prints the tables, writes bench/results/,
then docs/performance-results.md from them (``bench/report.py``).

``python -m bench [queries pdf pages fill profile_pdf hostile faq_suggestions growth prerender proxy]`` runs
only the ones named (the report then keeps the other benchmarks' last results).
"""

import subprocess
import sys
import time

from bench import report
from bench.common import BENCHMARKS, REPO


def main() -> int:
    chosen = sys.argv[1:] or BENCHMARKS
    failed = []
    for name in chosen:
        print(f"\n=== bench.{name}", flush=True)
        start = time.monotonic()
        if subprocess.run([sys.executable, "-m", f"bench.{name}"], cwd=REPO).returncode != 0:
            failed.append(name)
        print(f"(bench.{name}: {time.monotonic() - start:.0f} s)", flush=True)
    if failed:
        print(f"\nThese benchmarks stopped with an error: {', '.join(failed)}", file=sys.stderr)
    report.main()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
