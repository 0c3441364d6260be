"""What an import would change: the file's values against the prep's text now, each with its diff and whether
it conflicts (changed online since the file was made).

The plan is data: of the values read from the file, only those of this prep's own questions and people
whose text differs from the saved one are kept between the upload and her confirmation (``values_to_keep``,
in a ``documents.models.PendingImport`` row), never the file; the current text and versions are read again
from the prep each time the preview is shown, so the preview never shows stale text.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.conf import settings

from preps.models.roster import STAKEHOLDER_TEXT_MAX
from preps.selectors import PrepContent

from .context import PERSON_FIELD_LABELS
from .fields import parse_field_name

# Word-level diffs past this many words are skipped (SequenceMatcher is quadratic at worst): both texts
# are still shown whole, without marks.
DIFF_MAX_WORDS = 12_000
# Words with the white space after them: spaces alone never count as text in common.
TOKENS = re.compile(r"\s+|\S+\s*")
# Texts with less in common than this are shown as wholly replaced, not as a confetti of common words.
DIFF_MIN_RATIO = 0.2


def normalized(text: str) -> str:
    """Line breaks as ``\\n``: viewers write ``\\r`` (Acrobat) or ``\\r\\n``, browsers post ``\\r\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class FileValue:
    """One field's text as the file holds it, and the version of the text the file was made from."""

    item_id: str  # "answer:<key>" or "person:<id>:<field>"
    text: str
    file_version: int


@dataclass(frozen=True)
class Segment:
    text: str
    changed: bool


@dataclass(frozen=True)
class ImportItem:
    item_id: str
    label: str
    current_text: str
    current_version: int
    new_text: str
    file_version: int
    limit: int
    old_segments: list[Segment] = field(default_factory=list)
    new_segments: list[Segment] = field(default_factory=list)

    @property
    def conflict(self) -> bool:
        """Changed online since the file was made: she chooses, never a silent overwrite."""
        return self.current_version != self.file_version

    @property
    def too_long(self) -> bool:
        return len(self.new_text) > self.limit

    @property
    def merged_text(self) -> str:
        """Both texts, the saved one first, for her to edit into one."""
        return f"{self.current_text.rstrip()}\n\n{self.new_text.lstrip()}"

    @property
    def form_id(self) -> str:
        return re.sub(r"[^a-zA-Z0-9_-]", "-", self.item_id)


@dataclass(frozen=True)
class ImportPlan:
    items: list[ImportItem]
    unchanged: int
    unmatched: int  # fields for questions or people no longer on the prep

    @property
    def conflicts(self) -> list[ImportItem]:
        return [item for item in self.items if item.conflict]


@dataclass(frozen=True)
class KeptValues:
    """What an upload keeps: the changed values of the prep's own fields, and how many were left out."""

    values: list[FileValue]
    unchanged: int
    unmatched: int


def file_values(fields: dict[str, str]) -> list[FileValue]:
    """The values of the fields the fillable PDF makes (others - a viewer's own, renamed ones - ignored)."""
    values = []
    for name, text in fields.items():
        parsed = parse_field_name(name)
        if parsed is None:
            continue
        item_id = (
            f"answer:{parsed.key}" if parsed.kind == "answer" else f"person:{parsed.person_id}:{parsed.field}"
        )
        # A NUL is never meant (and PostgreSQL's text cannot hold one).
        values.append(FileValue(item_id, normalized(text).replace("\x00", ""), parsed.version))
    return values


def values_to_keep(content: PrepContent, values: list[FileValue]) -> KeptValues:
    """Of ``values``, the first for each of this prep's own questions and people whose text differs from the
    saved one: the rest is counted, never kept."""
    current = _current(content)
    kept, seen = [], set()
    unchanged = unmatched = 0
    for value in values:
        if value.item_id not in current:
            unmatched += 1
        elif value.item_id in seen:
            continue  # the same field again, under another version: the file's first one counts
        elif normalized(current[value.item_id][1]) == value.text:
            unchanged += 1
        else:
            kept.append(value)
        seen.add(value.item_id)
    return KeptValues(kept, unchanged, unmatched)


def as_stored(values: list[FileValue]) -> list[list]:
    return [[value.item_id, value.text, value.file_version] for value in values]


def from_stored(data) -> list[FileValue]:
    return [FileValue(str(item_id), str(text), int(version)) for item_id, text, version in data or []]


def diff_segments(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    """``old`` and ``new`` cut into runs, each marked changed or not (word by word, as difflib matches)."""
    old_words, new_words = TOKENS.findall(old), TOKENS.findall(new)
    if len(old_words) + len(new_words) > DIFF_MAX_WORDS:
        return [Segment(old, False)], [Segment(new, False)]
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    if matcher.ratio() < DIFF_MIN_RATIO:
        return [Segment(old, bool(old))] if old else [], [Segment(new, bool(new))] if new else []
    old_segments, new_segments = [], []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if a2 > a1:
            old_segments.append(Segment("".join(old_words[a1:a2]), tag != "equal"))
        if b2 > b1:
            new_segments.append(Segment("".join(new_words[b1:b2]), tag != "equal"))
    return old_segments, new_segments


def _current(content: PrepContent) -> dict[str, tuple[str, str, int, int]]:
    """By item id: (label, text, version, limit) of everything the fillable PDF has a field for."""
    current = {}
    for number, question in enumerate(content.questions, start=1):
        answer = content.answers.get(question.pk)
        current[f"answer:{question.key}"] = (
            f"Question {number}: {question.prompt}",
            answer.text if answer else "",
            answer.version if answer else 0,
            int(settings.ANSWER_MAX_CHARS),
        )
    for person in content.stakeholders:
        for name, label in PERSON_FIELD_LABELS.items():
            current[f"person:{person.pk}:{name}"] = (
                f"{person.name}: {label}",
                getattr(person, name),
                person.version,
                STAKEHOLDER_TEXT_MAX,
            )
    return current


def import_plan(
    content: PrepContent, values: list[FileValue], *, unchanged: int = 0, unmatched: int = 0
) -> ImportPlan:
    """What ``values`` would change now; ``unchanged`` and ``unmatched`` count fields left out before."""
    current = _current(content)
    items = []
    for value in values:
        if value.item_id not in current:
            unmatched += 1
            continue
        label, text, version, limit = current[value.item_id]
        if normalized(text) == value.text:
            unchanged += 1
            continue
        old_segments, new_segments = diff_segments(normalized(text), value.text)
        items.append(
            ImportItem(
                value.item_id,
                label,
                text,
                version,
                value.text,
                value.file_version,
                limit,
                old_segments,
                new_segments,
            )
        )
    return ImportPlan(items, unchanged, unmatched)
