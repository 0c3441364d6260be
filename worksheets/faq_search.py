"""Which FAQ entries answer a question a director expects (question 4), best first, with the words that
matched.

Words are lower-cased, abbreviations and common synonyms are mapped onto one word (``SYNONYMS``), stop
words are dropped and the rest are stemmed with the Snowball English stemmer (snowballstemmer), so
"replacing", "replaced" and "replacement" meet. A query word that is not in an entry's vocabulary can
still match a word within a small edit distance (rapidfuzz), for typos like "liabilty". Each matched word
counts by its rarity across the entries (inverse document frequency) and by where it was found: the
entry's question and its admin-edited search terms count fully, its answer a little.
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from rapidfuzz import fuzz, process

QUERY_MAX_CHARS = 1000
MAX_SUGGESTIONS = 5
MIN_SCORE = 0.15
FUZZY_CUTOFF = 84  # rapidfuzz ratio (0-100) for a typo to count as the word
FUZZY_MIN_LENGTH = 5

WEIGHT_QUESTION = 1.0
WEIGHT_TERMS = 1.0
WEIGHT_ANSWER = 0.35

# Abbreviations, slang and synonyms, each onto the word the FAQ uses. Single words only; an admin adds
# entry-specific phrasings as the entry's search terms.
SYNONYMS = {
    "cop": "police",
    "cops": "police",
    "pd": "police",
    "officer": "police",
    "officers": "police",
    "enforcement": "police",
    "sheriff": "police",
    "leo": "police",
    "ems": "emergency",
    "paramedic": "emergency",
    "ambulance": "emergency",
    "911": "call",
    "dispatch": "call",
    "dispatched": "call",
    "calls": "call",
    "town": "city",
    "towns": "city",
    "cities": "city",
    "municipality": "city",
    "municipalities": "city",
    "county": "city",
    "counties": "city",
    "jurisdiction": "city",
    "jurisdictions": "city",
    "lawsuit": "liability",
    "lawsuits": "liability",
    "sue": "liability",
    "sued": "liability",
    "suing": "liability",
    "liable": "liability",
    "litigation": "liability",
    "legal": "liability",
    "dangerous": "safe",
    "danger": "safe",
    "unsafe": "safe",
    "safety": "safe",
    "risky": "safe",
    "hurt": "safe",
    "replacing": "replace",
    "instead": "replace",
    "substitute": "replace",
    "defund": "replace",
    "abolish": "replace",
    "crimes": "crime",
    "criminal": "crime",
    "annually": "year",
    "yearly": "year",
    "annual": "year",
    "yr": "year",
    "info": "learn",
    "resources": "learn",
    "reading": "learn",
    "research": "learn",
    "#": "number",
    "num": "number",
    "qty": "number",
    "programme": "program",
    "programmes": "program",
    "programs": "program",
    "alt": "alternative",
    "teams": "team",
    "responders": "responder",
    "ppl": "people",
    "u": "you",
    "ur": "your",
    "w": "with",
}

STOP_WORDS = frozenset(
    """a about an and any are as at be been being but by can could do does did doing for from had has have
    how i if in into is it its me my of on or our so than that the their them then there these they this
    those to too us was we were what when where which while who whom will with would you your yours""".split()
)

_WORD = re.compile(r"[0-9a-z#']+")
_stemmer = snowballstemmer.stemmer("english")


@dataclass(frozen=True)
class Suggestion:
    faq_id: int
    question: str
    score: float
    matched: list[str]


@dataclass(frozen=True)
class _Indexed:
    faq_id: int
    question: str
    fields: tuple[tuple[float, frozenset[str]], ...]  # (weight, stems) per field
    vocabulary: tuple[str, ...]


def terms(text: str) -> list[tuple[str, str]]:
    """(word as written, stem) for each meaningful word of ``text``."""
    found = []
    for word in _WORD.findall(text.lower()):
        word = word.strip("'")
        if word.endswith("'s"):
            word = word[:-2]
        canonical = SYNONYMS.get(word, word)
        if not canonical or canonical in STOP_WORDS:
            continue
        found.append((word, _stemmer.stemWord(canonical)))
    return found


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem for _word, stem in terms(text))


@lru_cache(maxsize=64)
def _index(entries: tuple[tuple[int, str, str, str], ...]) -> tuple[tuple[_Indexed, ...], dict[str, float]]:
    indexed = []
    for faq_id, question, search_terms, answer in entries:
        fields = (
            (WEIGHT_QUESTION, _stems(question)),
            (WEIGHT_TERMS, _stems(search_terms)),
            (WEIGHT_ANSWER, _stems(answer)),
        )
        vocabulary = tuple(sorted(set().union(*(stems for _weight, stems in fields))))
        indexed.append(_Indexed(faq_id, question, fields, vocabulary))
    count = len(indexed) or 1
    document_frequency: dict[str, int] = {}
    for entry in indexed:
        for stem in entry.vocabulary:
            document_frequency[stem] = document_frequency.get(stem, 0) + 1
    idf = {stem: math.log(1 + count / df) for stem, df in document_frequency.items()}
    return tuple(indexed), idf


def suggest(query: str, entries: Iterable, *, limit: int = MAX_SUGGESTIONS) -> list[Suggestion]:
    """The entries (FAQEntry-like: ``pk``, ``question``, ``search_terms``, ``answer``) that answer ``query``,
    best first; none when nothing fits."""
    key = tuple((e.pk, e.question, e.search_terms, e.answer) for e in entries)
    indexed, idf = _index(key)
    query_terms = list(dict.fromkeys(terms(query[:QUERY_MAX_CHARS])))
    if not query_terms or not indexed:
        return []
    top_idf = max(idf.values(), default=1.0)
    possible = sum(idf.get(stem, top_idf) for _word, stem in query_terms) or 1.0
    results = []
    for entry in indexed:
        total = 0.0
        matched: list[str] = []
        for word, stem in query_terms:
            weight, hit = _best_match(stem, entry)
            if weight:
                total += weight * idf.get(hit, top_idf)
                if word not in matched:
                    matched.append(word)
        score = total / possible
        if score >= MIN_SCORE:
            results.append(Suggestion(entry.faq_id, entry.question, round(score, 3), matched))
    results.sort(key=lambda s: (-s.score, s.faq_id))
    return results[:limit]


def _best_match(stem: str, entry: _Indexed) -> tuple[float, str]:
    """(field weight, matched stem) of the best place ``stem`` occurs in ``entry``: exactly, or as a typo."""
    for weight, stems in entry.fields:
        if stem in stems:
            return weight, stem
    if len(stem) < FUZZY_MIN_LENGTH:
        return 0.0, stem
    close = process.extractOne(stem, entry.vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    if close is None:
        return 0.0, stem
    hit = close[0]
    weight = max(w for w, stems in entry.fields if hit in stems)
    return weight * close[1] / 100, hit
