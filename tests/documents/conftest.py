"""A meeting prep filled the way the structure tests need it: typed line breaks, long hyphenated words and
addresses that wrap, a roster long enough for its table to cross a page, expected questions with answers
and askers, and the three documents made from it."""

import datetime

import pytest

from briefs.models import MeetingBrief
from briefs.services import brief_ensure
from documents.sources import brief_pdf_source, pdf_source, prep_pdf_source
from preps.models import Stakeholder
from preps.selectors import prep_with_content
from testsupport.factories import answer_create, expected_question_create, stakeholder_create

LINE_BREAKS = "Line one\nLine two"
WRAPPING = " ".join(
    f"{'word ' * (n % 7)}memorandum-of-understanding https://data.example.gov/911/anywhere/{'x' * n * 3}/end"
    for n in range(1, 13)
)


@pytest.fixture
def rich_prep(prep, worksheet):
    answer_create(prep=prep, question=1, text=LINE_BREAKS)
    answer_create(prep=prep, question=2, text=WRAPPING)
    zoe = stakeholder_create(
        prep=prep,
        name="Zoë Fairfield",
        role="Director",
        organisation="Emergency Communications",
        influence=Stakeholder.Influence.HIGH,
        stance=Stakeholder.Stance.SKEPTICAL,
        expertise="Call data",
        what_matters="Response times",
        concerns="Staffing",
    )
    for n in range(2, 15):  # enough for the roster table to cross a page in the notes
        stakeholder_create(prep=prep, name=f"Officer Person {n}", role="Sergeant", organisation="Police")
    with_sources = worksheet.faq_entries.filter(is_published=True).exclude(sources="").order_by("position")
    expected_question_create(
        prep=prep,
        text="Will my officers be liable?",
        askers=[zoe],
        faq_entries=[with_sources.first()],
        answer="No: the city's insurance covers them.",
    )
    brief = brief_ensure(prep=prep)
    MeetingBrief.objects.filter(pk=brief.pk).update(
        include_ratings=True,
        include_expected_answers=True,
        include_person_notes=True,
        start_time=datetime.time(14, 30),
    )
    return prep


@pytest.fixture
def notes_pdf(rich_prep) -> bytes:
    return prep_pdf_source(rich_prep, include_examples=True, include_extras=True).render()


@pytest.fixture
def brief_pdf(rich_prep) -> bytes:
    return brief_pdf_source(rich_prep).render()


@pytest.fixture
def fillable_pdf(rich_prep) -> bytes:
    return pdf_source("fillable", prep_with_content(rich_prep)).render()
