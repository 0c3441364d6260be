"""The fillable PDF's data: the notes' look, with a multi-line form field per answer and per person's note.

Long text: a PDF field cannot continue onto the next page, so each field **grows** with the text it was made
with (its height is the lines that text takes plus spare lines to write on), up to most of a page. Text
longer than that still sits whole in the field (a viewer scrolls it), and the PDF also prints it in full
under the field, so a printed copy never loses words; an edit made offline in such a field shows on screen
and comes back on import, but only the field prints it.
"""

import math
from dataclasses import dataclass

from preps.models import Answer
from preps.selectors import PrepContent

from ..content import prep_context, prep_filename
from .fields import PERSON_FIELDS, answer_field_name, person_field_name, reference_field_name

# The field's text is 10 pt Noto Sans on a 6.9-inch measure: about 90 characters a line (counted at 84 to
# be safe), a line ~12 pt high in the viewers tried (poppler, Chromium's viewer).
CHARACTERS_PER_LINE = 84
LINE_HEIGHT_PT = 12.5
SPARE_LINES = 4
MIN_LINES = 6
MAX_LINES = 46  # most of a letter page under a heading
PERSON_FIELD_LABELS = {
    "expertise": "Expertise, data or authority they bring",
    "what_matters": "What matters to them",
    "concerns": "Their likely concerns",
}
PERSON_FIELDS_BY_QUESTION = {"expertise": ("expertise",), "what-matters": ("what_matters", "concerns")}


@dataclass(frozen=True)
class FillField:
    name: str
    label: str  # the visible label; the field's tooltip (/TU) too
    text: str
    height_pt: float
    overflows: bool  # taller than MAX_LINES: the text is also printed in full under the field


@dataclass(frozen=True)
class PersonFields:
    name: str
    fields: list[FillField]


@dataclass(frozen=True)
class FillSection:
    number: int
    prompt: str
    answer_label: str
    answer: FillField
    people: list[PersonFields]


def lines_taken(text: str) -> int:
    return sum(max(1, math.ceil(len(line) / CHARACTERS_PER_LINE)) for line in text.split("\n"))


def fill_field(name: str, label: str, text: str, *, min_lines: int = MIN_LINES) -> FillField:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    needed = (lines_taken(text) if text else 0) + SPARE_LINES
    lines = max(min_lines, min(needed, MAX_LINES))
    return FillField(name, label, text, round(lines * LINE_HEIGHT_PT + 6, 1), needed > MAX_LINES)


def _person_fields(content: PrepContent, key: str) -> list[PersonFields]:
    names = PERSON_FIELDS_BY_QUESTION.get(key, ())
    if not names:
        return []
    return [
        PersonFields(
            person.name,
            [
                fill_field(
                    person_field_name(person.pk, field, person.version),
                    f"{person.name}: {PERSON_FIELD_LABELS[field]}",
                    getattr(person, field),
                    min_lines=3,
                )
                for field in names
                if field in PERSON_FIELDS
            ],
        )
        for person in content.stakeholders
    ]


def fill_sections(content: PrepContent) -> list[FillSection]:
    sections = []
    for number, question in enumerate(content.questions, start=1):
        answer = content.answers.get(question.pk) or Answer(text="", version=0)
        sections.append(
            FillSection(
                number=number,
                prompt=question.prompt,
                answer_label=question.answer_label,
                answer=fill_field(
                    answer_field_name(question.key, answer.version),
                    f"Question {number}: {question.prompt}",
                    answer.text,
                ),
                people=_person_fields(content, question.key),
            )
        )
    return sections


def fillable_context(content: PrepContent) -> dict:
    return {
        **prep_context(content, include_examples=False, include_extras=False),
        "fill_sections": fill_sections(content),
        "reference_name": reference_field_name(content.prep),
    }


def fillable_filename(content: PrepContent) -> str:
    return prep_filename(content.prep).removesuffix(".pdf") + "-fillable.pdf"
