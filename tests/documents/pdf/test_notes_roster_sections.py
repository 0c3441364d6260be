"""The preparation notes carry the roster: its table under question 1, each person's notes under questions 2
and 3, question 4's expected questions with who may ask, the director's answer and the linked FAQ answer with
its sources; the PDF stays tagged and a roster change makes a new PDF (the cache is keyed by content)."""

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from documents.sources import prep_pdf_source
from preps.power_map import QUADRANTS
from testsupport.factories import expected_question_create, stakeholder_create
from worksheets.models import FAQEntry

pytestmark = pytest.mark.django_db


def text_of(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture
def roster_prep(prep):
    chief = stakeholder_create(
        prep=prep,
        name="Chief Dana Ortiz",
        role="Police chief",
        organisation="Springfield PD",
        kind="police",
        expertise="Runs the patrol division",
        influence="high",
        stance="skeptical",
        what_matters="Officer time on calls",
        concerns="Liability",
    )
    director = stakeholder_create(
        prep=prep,
        name="Sam Lee",
        role="911 director",
        organisation="County ECC",
        kind="911",
        invite="later",
        expertise="Call data by type",
    )
    liability = FAQEntry.objects.get(worksheet=prep.worksheet, position=6)
    expected_question_create(
        prep=prep,
        text="Could the city get sued?",
        answer="Our counsel reviewed it.",
        askers=[chief, director],
        faq_entries=[liability],
    )
    return prep


def test_the_notes_show_the_roster_the_per_person_notes_and_question_4(roster_prep):
    text = text_of(prep_pdf_source(roster_prep, include_examples=False, include_extras=False).render())
    for words in [
        "The people on the roster",
        "Chief Dana Ortiz",
        "Police chief",
        "Springfield PD",
        "County ECC",
        "Later",
        "Runs the patrol division",
        "What matters to them: Officer time on calls",
        "Likely concerns: Liability",
        "Call data by type",
        "Could the city get sued?",
        "Who may ask: Chief Dana Ortiz, Sam Lee",
        "My answer: Our counsel reviewed it.",
        "From the FAQ: Does sending alternative responders increase",
    ]:
        assert words in text, words
    # Order: roster table in question 1, notes in questions 2 and 3, the expected question in question 4.
    assert text.index("The people on the roster") < text.index("Runs the patrol division")
    assert text.index("Runs the patrol division") < text.index("Officer time on calls")
    assert text.index("Officer time on calls") < text.index("Could the city get sued?")


def test_the_roster_table_is_a_tagged_table(roster_prep):
    html = prep_pdf_source(roster_prep, include_examples=False, include_extras=False).html
    assert re.search(r"<table class=\"roster-table\">\s*<caption>", html)
    assert '<th scope="col">Name</th>' in html
    content = prep_pdf_source(roster_prep, include_examples=False, include_extras=False).render()
    root = PdfReader(io.BytesIO(content)).trailer["/Root"]["/StructTreeRoot"]
    kinds = [element.get("/S") for element in struct_elements(root)]
    assert "/Table" in kinds
    assert kinds.count("/TH") >= 5 + 2  # the five column heads and a row head per person
    assert "/Caption" in kinds


def test_the_power_map_is_a_figure_and_the_roster_table_gives_each_rating_once(roster_prep):
    content = prep_pdf_source(roster_prep, include_examples=False, include_extras=False).render()
    root = PdfReader(io.BytesIO(content)).trailer["/Root"]["/StructTreeRoot"]
    figures = [element for element in struct_elements(root) if element.get("/S") == "/Figure"]
    assert [str(figure.get("/Alt")) for figure in figures] == ["Power map: influence by stance"]
    text = text_of(content)
    assert "The power map as a table" not in text  # the roster is printed once: its table has the ratings
    assert "1 Chief Dana Ortiz Police chief Springfield PD Police Invite High, skeptical" in text
    assert "2 Sam Lee 911 director County ECC" in text and "Not rated" in text
    # The map's own quadrant titles and legend (preps.power_map), the same as the page's.
    for quadrant in QUADRANTS:
        assert quadrant.title in text
    assert "Name colour shows stance:" in text


def struct_elements(element):
    element = element.get_object() if isinstance(element, IndirectObject) else element
    yield element
    kids = element.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if isinstance(kid, IndirectObject) else kid
        if isinstance(kid, dict) and kid.get("/Type", "/StructElem") == "/StructElem" and "/S" in kid:
            yield from struct_elements(kid)


def test_a_roster_change_changes_the_pdfs_digest(roster_prep):
    before = prep_pdf_source(roster_prep, include_examples=False, include_extras=False).digest
    person = roster_prep.stakeholders.get(name="Sam Lee")
    person.concerns = "Staffing"
    person.save()
    after = prep_pdf_source(roster_prep, include_examples=False, include_extras=False).digest
    assert before != after


def test_a_prep_without_a_roster_shows_none_of_it(prep):
    html = prep_pdf_source(prep, include_examples=False, include_extras=False).html
    assert "roster-table" not in html and "expected-question" not in html


def test_the_roster_table_numbers_each_person_as_the_map_does(roster_prep):
    html = prep_pdf_source(roster_prep, include_examples=False, include_extras=False).html
    table = html[html.index("The people on the roster") :]
    people = list(roster_prep.stakeholders.order_by("position", "pk"))
    for number, person in enumerate(people, start=1):
        # The map labels each person with their roster number (preps/power_map.py); the table says it too.
        assert re.search(rf"<td>{number}</td><th scope=\"row\"[^>]*>{re.escape(person.name)}</th>", table)
        if person.influence and person.stance:  # on the map only once rated
            assert re.search(rf">{number}</tspan>", html)
