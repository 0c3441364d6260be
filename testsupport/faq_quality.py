"""Top-1 and top-3 accuracy of question 4's FAQ suggestions on a phrasing set (``PHRASINGS`` unless told),
from the seed worksheet's FAQ as its fixture holds it (no database needed). Used by the tests that hold the
bar and by the benchmark."""

import json
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from testsupport.faq_phrasings import PHRASINGS
from worksheets.faq_search import suggest

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "worksheet.json"


@dataclass
class Quality:
    total: int
    top1: int
    top3: int
    misses: list[tuple[str, int, list[int]]]  # phrasing, expected entry, what came back

    @property
    def top1_rate(self) -> float:
        return self.top1 / self.total

    @property
    def top3_rate(self) -> float:
        return self.top3 / self.total


def seed_faq_entries() -> list[SimpleNamespace]:
    """The fixture's FAQ entries, each with ``pk`` = its position."""
    return [
        SimpleNamespace(
            pk=item["fields"]["position"],
            question=item["fields"]["question"],
            answer=item["fields"]["answer"],
            search_terms=item["fields"].get("search_terms", ""),
        )
        for item in json.loads(FIXTURE.read_text())
        if item["model"] == "worksheets.faqentry"
    ]


def faq_quality(entries=None, phrasings: list[tuple[str, int]] = PHRASINGS) -> Quality:
    entries = seed_faq_entries() if entries is None else entries
    quality = Quality(total=len(phrasings), top1=0, top3=0, misses=[])
    for phrasing, expected in phrasings:
        found = [s.faq_id for s in suggest(phrasing, entries)]
        quality.top1 += found[:1] == [expected]
        quality.top3 += expected in found[:3]
        if found[:1] != [expected]:
            quality.misses.append((phrasing, expected, found[:3]))
    return quality
