"""Which FAQ entries answer a question, best first, with the words that matched: a director's short
phrasing ("could we get sued?") or a stakeholder's several personal sentences ("Who is going to answer to me
when one of your counselors gets hurt?").

Text is lower-cased; idioms (``PHRASES``) and words (``SYNONYMS``) that say what an FAQ entry says in other
words are mapped onto the entry's own word; stop words are dropped and the rest stemmed (Snowball English),
so "replacing", "replaced" and "replacement" meet. A word the entries do not know can still be a typo of one
they know, or of a synonym (rapidfuzz, a small edit distance): "liabilty", "lawsiut".

An entry scores each distinct query stem it holds (BM25 over three fields: its question and its admin-edited
search terms count fully, its answer a little), weighted by how rare the stem is across the entries. The sum
is not divided by the query's length, so a long message keeps the evidence its key sentence carries;
instead the best entry needs ``MIN_SCORE`` of evidence, and the others a part of its score, to be offered.
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from rapidfuzz import fuzz, process

QUERY_MAX_CHARS = 1000  # the endpoint refuses more; what other callers pass is cut there
MAX_SUGGESTIONS = 5
MIN_SCORE = 0.8  # the best entry's, about half a rare stem in its question or search terms
RELATIVE_FLOOR = 0.25  # of the best entry's score, for the others
FUZZY_CUTOFF = 84  # rapidfuzz ratio (0-100) for a typo to count as the word
FUZZY_MIN_LENGTH = 5

WEIGHT_QUESTION = 1.0
WEIGHT_TERMS = 1.0
WEIGHT_ANSWER = 0.35
CONTEXT_WEIGHT = 0.6  # a sentence around the question, in a message of several
BM25_K1 = 1.2
BM25_B = 0.75

# Idioms people use for what an entry is about, each onto a word of that entry (applied before splitting
# into words; keep them general English, not one sender's sentence).
PHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        # liability
        (r"\bon the hook\b", "liability"),
        (r"\banswer(?:s|able)? (?:to|for)\b", "liability"),
        (r"\b(?:held )?accountable\b", "liability"),
        (r"\bcome after\b", "liability"),
        (r"\bfoot the bill\b", "liability"),
        (r"\bwho(?:'s| is)? (?:pays|paying|going to pay|responsible|to blame|at fault)\b", "liability"),
        (r"\bgo(?:es|ing)? (?:sideways|wrong|south)\b", "liability"),
        # safety
        (r"\bharm'?s'? way\b", "safe"),
        (r"\b(?:in )?one piece\b", "safe"),
        (r"\bcome home\b", "safe"),
        (r"\bgo(?:es)? bad\b", "harm"),
        (r"\bget(?:s|ting)? (?:into|in) trouble\b", "harm"),
        (r"\bturn(?:s|ed|ing)? (?:ugly|bad|sour|nasty|violent|physical)\b", "harm"),
        (r"\b(?:gets?|getting) (?:ugly|physical|out of hand)\b", "harm"),
        # replacing police
        (r"\bget(?:ting)? rid of\b", "replace"),
        (r"\btak(?:e|es|ing) (?:over|away)\b", "replace"),
        (r"\bphase(?:d)? out\b", "replace"),
        (r"\bput (?:us|officers|cops) out\b", "replace"),
        (r"\bour (?:job|jobs|work)\b", "police jobs"),
        # crime
        (r"\bbreak(?:s|ing)? in(?:to)?\b", "crime"),
        (r"\bmove(?:s)? the needle\b", "reduce"),
        (r"\bbring (?:\w+ )?(?:\w+ )?down\b", "reduce"),
        (r"\bmake (?:a )?dent\b", "reduce"),
        # numbers and places
        (r"\bhow (?:many|much)\b", "number"),
        (r"\bhow (?:big|large|common)\b", "volume"),
        (r"\b(?:who|anyone|anybody|someone|somebody)(?:'s| is)? already\b", "other city"),
        (r"\b(?:tried|done|run) (?:this|it|one) before\b", "other city"),
        (r"\bguinea pigs?\b", "other city"),
        (r"\b(?:anywhere|anyone|anybody|who) else\b", "other city"),
        # why
        (r"\bwhat(?:'s| is) the point\b", "point"),
        (r"\bget out of (?:it|this)\b", "benefits"),
        (r"\bwhat(?:'s| is) in it for\b", "benefits"),
        (r"\bwhat (?:do|would|will|does) (?:we|i|the city|the public|taxpayers) get\b", "benefits"),
        (r"\bfor the money\b", "value"),
        (r"\bbang for (?:the|our|your) buck\b", "value"),
        (r"\breturn on (?:the )?investment\b", "value"),
        # learning more
        (r"\bmore info(?:rmation)?\b", "learn"),
        (r"\bup to speed\b", "learn"),
        (r"\bwritten down\b", "learn"),
    )
)

# Words that say what an entry says, each group onto the entry's own word. Single words only; an admin
# adds entry-specific phrasings as the entry's search terms.
_SYNONYM_GROUPS = {
    "police": "cop cops pd officer officers enforcement sheriff sheriffs deputies leo patrol sworn badge",
    "emergency": "ems paramedic paramedics ambulance",
    "call": "911 dispatch dispatched calls traffic",
    "city": """town towns cities municipality municipalities county counties jurisdiction jurisdictions
        communities places departments agencies region regions""",
    "nationwide": "widespread everywhere countrywide common",
    "other": "elsewhere somewhere anywhere peer peers examples",
    # liability
    "liability": """lawsuit lawsuits sue sued suing liable litigation legal legally settlement settlements
        claims damages negligent attorney attorneys lawyer lawyers court courts indemnify indemnification
        exposure accountability responsibility blame blamed fault culpable""",
    "insurance": "premium premiums insurer insurers coverage insured underwriter",
    # safety
    "safe": "dangerous danger unsafe safety safely risky hurt",
    "injuries": "injured injury injure wounded",
    "harm": """harmed assault assaulted assaults attack attacked punched stabbed shot killed violent
        combative aggressive hostile threatening volatile escalate escalates escalating escalation weapon
        weapons knife knives gun guns armed unarmed tasers taser cuffs handcuffs""",
    "back-up": "backup",
    # replacing police
    "replace": """replacing replacement instead substitute supplant defund defunding abolish eliminate
        shrink shrinking downsize downsizing obsolete redundant""",
    "jobs": "positions layoffs layoff headcount staffing",
    "supplement": "alongside complement",
    # crime
    "crime": """crimes criminal offense offenses offences burglary burglaries theft thefts robbery robberies
        shoplifting vandalism break-ins disorder""",
    "reduce": "lower decrease drop",
    "less": "fewer",
    "substance": "drug drugs overdose overdoses",
    # numbers
    "year": "annually yearly annual yr",
    "number": "# num qty",
    "numbers": "figures",
    "statistics": "stats",
    "volume": """workload load share percent percentage portion proportion scale size magnitude dozens
        hundreds thousands""",
    "handled": "absorb absorbs absorbed",
    "diverted": "divert diverting diversion",
    # why
    "benefits": "benefit advantage advantages",
    "value": "worth roi cost-effective",
    "reason": "justify justification",
    "purpose": "goal goals",
    # learning more
    "learn": """info resources reading read research study studies website websites sources background
        guide guides materials articles literature links documentation playbook handbook manual paper papers
        evaluation evaluations""",
    # spelling and shorthand
    "program": "programme programmes programs",
    "alternative": "alt",
    "team": "teams",
    "responder": "responders",
    "people": "ppl",
    "you": "u",
    "your": "ur",
    "with": "w",
}
SYNONYMS = {word: canonical for canonical, words in _SYNONYM_GROUPS.items() for word in words.split()}

STOP_WORDS = frozenset(
    """a about after again all also am an and any are as at be because been being but by can could did do
    does doing don't for from get gets got had has have how i i'd i'm i've if in into is isn't it it's
    its just let like me more most much my no not of on one or our out over really so some something
    than that that's the their them then there these they they're this those to too up us very was way
    we we're were what what's when where which while who whom why'd will with would you you're your
    yours actually come comes coming came every go goes going gone went happen happens happened know
    knows lot make makes made said say says saying see seen send sending sent show shows showed showing
    take takes taking took tell thing things stuff want wants""".split()
)

_SENTENCE_END = re.compile(r"(?<=[.?!])\s+|\n\s*\n")  # a line break alone may be a wrapped line
_WORD = re.compile(r"[0-9a-z#][0-9a-z#'-]*")
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
    fields: tuple[tuple[float, dict[str, int], int], ...]  # (weight, stem counts, length) per field


@dataclass(frozen=True)
class _Index:
    entries: tuple[_Indexed, ...]
    idf: dict[str, float]
    average_lengths: tuple[float, ...]  # per field
    vocabulary: tuple[str, ...]  # every stem the entries hold, for typos


def terms(text: str) -> list[tuple[str, str]]:
    """(word or idiom as written, stem) for each meaningful word of ``text``, idioms first."""
    text = " ".join(text.lower().replace("\u2019", "'").split())
    found: list[tuple[str, str]] = []

    def idiom(match: re.Match[str], replacement: str) -> str:
        found.extend((" ".join(match.group(0).split()), stem) for _word, stem in _word_terms(replacement))
        return " "

    for pattern, replacement in PHRASES:
        text = pattern.sub(lambda match, replacement=replacement: idiom(match, replacement), text)
    return found + _word_terms(text)


def _word_terms(text: str) -> list[tuple[str, str]]:
    found = []
    for word in _WORD.findall(text):
        word = word.strip("'-")
        if word.endswith("'s"):
            word = word[:-2]
        canonical = SYNONYMS.get(word, word)
        if not canonical or canonical in STOP_WORDS or word in STOP_WORDS:
            continue
        found.extend((word, _stemmer.stemWord(part)) for part in canonical.split("-") if part)
    return found


def _counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for _word, stem in terms(text):
        counts[stem] = counts.get(stem, 0) + 1
    return counts


@lru_cache(maxsize=64)
def _index(entries: tuple[tuple[int, str, str, str], ...]) -> _Index:
    indexed = []
    for faq_id, question, search_terms, answer in entries:
        fields = tuple(
            (weight, counts, sum(counts.values()))
            for weight, counts in (
                (WEIGHT_QUESTION, _counts(question)),
                (WEIGHT_TERMS, _counts(search_terms)),
                (WEIGHT_ANSWER, _counts(answer)),
            )
        )
        indexed.append(_Indexed(faq_id, question, fields))
    count = len(indexed)
    document_frequency: dict[str, int] = {}
    for entry in indexed:
        for stem in set().union(*(counts for _weight, counts, _length in entry.fields)):
            document_frequency[stem] = document_frequency.get(stem, 0) + 1
    idf = {stem: math.log(1 + (count - df + 0.5) / (df + 0.5)) for stem, df in document_frequency.items()}
    average_lengths = tuple(
        sum(entry.fields[i][2] for entry in indexed) / (count or 1) or 1.0 for i in range(3)
    )
    return _Index(tuple(indexed), idf, average_lengths, tuple(sorted(document_frequency)))


@lru_cache(maxsize=64)
def _typo_targets(vocabulary: tuple[str, ...]) -> tuple[str, ...]:
    """What a typo may be corrected to: the entries' stems and the stems of the synonyms' words, long ones
    only (one letter off a short word is another word: "ready" is not "read", nor "short" "shot")."""
    stems = set(vocabulary) | {_stemmer.stemWord(word) for word in SYNONYMS}
    return tuple(sorted(stem for stem in stems if len(stem) >= FUZZY_MIN_LENGTH))


def _synonym_stems() -> dict[str, str]:
    return {_stemmer.stemWord(word): _stemmer.stemWord(canonical) for word, canonical in SYNONYMS.items()}


_SYNONYM_STEMS = _synonym_stems()


def _resolve(stem: str, index: _Index) -> tuple[str, float] | None:
    """The stem the entries know that ``stem`` stands for, with how sure that is (1.0 when exact)."""
    if stem in index.idf:
        return stem, 1.0
    if len(stem) < FUZZY_MIN_LENGTH:
        return None
    close = process.extractOne(
        stem, _typo_targets(index.vocabulary), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
    )
    if close is None:
        return None
    known = _SYNONYM_STEMS.get(close[0], close[0])
    return (known, close[1] / 100) if known in index.idf else None


def suggest(query: str, entries: Iterable, *, limit: int = MAX_SUGGESTIONS) -> list[Suggestion]:
    """The entries (FAQEntry-like: ``pk``, ``question``, ``search_terms``, ``answer``) that answer ``query``,
    best first; none when nothing fits."""
    index = _index(tuple((e.pk, e.question, e.search_terms, e.answer) for e in entries))
    if not index.entries:
        return []
    query_stems: dict[str, tuple[str, float]] = {}  # known stem -> (word as written, weight)
    for sentence, sentence_weight in _sentences(query[:QUERY_MAX_CHARS]):
        for word, stem in terms(sentence):
            resolved = _resolve(stem, index)
            if resolved is None:
                continue
            known, certainty = resolved
            weight = certainty * sentence_weight
            if weight > query_stems.get(known, ("", 0.0))[1]:
                query_stems[known] = (word, weight)
    scored = [_score(entry, query_stems, index) for entry in index.entries]
    best = max((score for score, _matched in scored), default=0.0)
    if best < MIN_SCORE:
        return []
    results = [
        Suggestion(entry.faq_id, entry.question, round(score, 3), matched)
        for entry, (score, matched) in zip(index.entries, scored, strict=True)
        if score and score >= best * RELATIVE_FLOOR
    ]
    results.sort(key=lambda s: (-s.score, s.faq_id))
    return results[:limit]


def _sentences(text: str) -> list[tuple[str, float]]:
    """The sentences of ``text``, each with its weight: in a message that asks something, what it asks
    counts fully and the sentences around it (who the sender is, what happened) count less."""
    sentences = [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]
    asks = [sentence.endswith("?") for sentence in sentences]
    if len(sentences) < 2 or not any(asks):
        return [(text, 1.0)]
    return [(sentence, 1.0 if ask else CONTEXT_WEIGHT) for sentence, ask in zip(sentences, asks, strict=True)]


def _score(
    entry: _Indexed, query_stems: dict[str, tuple[str, float]], index: _Index
) -> tuple[float, list[str]]:
    """The entry's score for the query, and the query's words it holds, the ones that weigh most first."""
    contributions: dict[str, float] = {}  # word as written -> its part of the score
    for stem, (word, certainty) in query_stems.items():
        weight = 0.0
        for (field_weight, counts, length), average in zip(entry.fields, index.average_lengths, strict=True):
            frequency = counts.get(stem, 0)
            if frequency:
                saturation = frequency * (BM25_K1 + 1)
                saturation /= frequency + BM25_K1 * (1 - BM25_B + BM25_B * length / average)
                weight = max(weight, field_weight * saturation)
        if weight:
            contributions[word] = contributions.get(word, 0.0) + weight * certainty * index.idf[stem]
    matched = sorted(contributions, key=lambda word: -contributions[word])
    return sum(contributions.values()), matched
