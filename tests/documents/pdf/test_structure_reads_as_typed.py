"""The PDFs' structure tree read as a screen reader gets it (``testsupport.pdf_structure``: marked content in
tag order, /ActualText in place of what it stands for), not as pdftotext repairs it from the layout. One test
per finding of issue 28 (P1-P9)."""

import re

import pytest

from documents.sources import prep_pdf_source
from testsupport.factories import answer_create
from testsupport.pdf_structure import LIGATURES, read_structure

pytestmark = pytest.mark.django_db


def paragraph_with(structure, words: str):
    return next(element for element in structure.find_all("P") if words in element.text)


def test_p1_a_typed_line_break_reads_as_a_break(notes_pdf, brief_pdf):
    notes = read_structure(notes_pdf)
    assert paragraph_with(notes, "Line one").text.strip() == "Line one\nLine two"
    brief = read_structure(brief_pdf)
    invited = next(item for item in brief.find_all("LI") if "Zoë Fairfield" in item.text)
    assert "Emergency Communications\nInfluence: High" in invited.text
    question = next(item for item in brief.find_all("LI") if "liable?" in item.text and "Our" in item.text)
    assert "be liable?\nOur answer:" in question.text


def test_p2_inline_elements_keep_the_space_between_them(notes_pdf, brief_pdf):
    notes = read_structure(notes_pdf)
    assert paragraph_with(notes, "Who may ask:").words == "Who may ask: Zoë Fairfield"
    assert "Source: Law Enforcement Action Partnership (LEAP), Nationwide Map" in notes.text
    brief = read_structure(brief_pdf)
    agenda = [item.words for item in brief.find_all("LI") if re.search(r"\d:\d\d", item.text)]
    assert agenda and all(re.match(r"\d\. \d+:\d\d [ap]\.m\. \w", line) for line in agenda), agenda


def test_p3_a_word_wrapped_across_lines_gains_no_space(notes_pdf, rich_prep):
    # Question 2's answer wraps inside "memorandum-of-understanding" and inside addresses, and at spaces.
    typed = rich_prep.answers.get(question__position=2).text
    assert paragraph_with(read_structure(notes_pdf), "memorandum").words == typed


def test_p4_no_ligature_characters_in_any_document(notes_pdf, brief_pdf, fillable_pdf):
    for content in (notes_pdf, brief_pdf, fillable_pdf):
        structure = read_structure(content)
        assert not LIGATURES.search(structure.text)
        assert "Springfield" in structure.text


def test_p5_the_fillable_pdfs_field_values_are_not_read_twice(fillable_pdf, rich_prep):
    structure = read_structure(fillable_pdf)
    # Each value is in its form field, and once: the copies WeasyPrint draws off the page are artifacts.
    assert structure.text.count("Call data") == 0
    assert "Line one" not in structure.text and "memorandum" not in structure.text
    assert sum("Call data" in page for page in structure.artifacts) == 1
    fields = structure.find_all("Form")
    # A field per answer, per person's note, and the file's reference.
    assert len(fields) == 4 + rich_prep.stakeholders.count() * 3 + 1 and not any(f.text for f in fields)


def test_p6_the_fillable_pdfs_field_labels_are_not_headings(fillable_pdf, rich_prep):
    structure = read_structure(fillable_pdf)
    person_notes = [sect for sect in structure.find_all("Sect") if sect.children[0].words == "Zoë Fairfield"]
    assert len(person_notes) == 2  # under questions 2 and 3
    for note in person_notes:
        assert [child.tag for child in note.children][:2] == ["H3", "P"], note.children
        assert note.children[1].words.startswith("Zoë Fairfield: ")
    names = {person.name for person in rich_prep.stakeholders.all()}
    headings = {heading.words for heading in structure.find_all("H3")}
    assert headings == names | {"My answers", "Questions I can answer"}


def test_p7_table_headers_have_scope_ids_resolve_and_a_split_table_reads_its_header_once(notes_pdf):
    structure = read_structure(notes_pdf)
    roster = next(table for table in structure.find_all("Table") if "The people on the roster" in table.text)
    assert len({page for cell in roster.find_all("TD") for part in cell.walk() for page in part.pages}) >= 2
    assert len(roster.find_all("THead")) == 1  # the header row each page repeats is an artifact
    assert roster.text.count("Agency or organisation") == 1
    assert sum(page.count("Agency or organisation") for page in structure.artifacts) >= 1
    headers = [cell for table in structure.find_all("Table") for cell in table.find_all("TH")]
    assert headers and all(cell.attributes.get("Scope") in ("Column", "Row") for cell in headers)
    assert {cell.attributes["Scope"] for cell in roster.find_all("TH") if cell.words == "Zoë Fairfield"} == {
        "Row"
    }
    # Every ID a cell names resolves, through the IDTree, to a header cell of its table.
    assert structure.id_tree is not None
    for table in structure.find_all("Table"):
        for cell in table.find_all("TD"):
            for name in cell.attributes["Headers"]:
                assert structure.id_tree[name] in table.find_all("TH"), name
    agency = [cell for cell in roster.find_all("TD") if cell.words == "Police"][-1]  # on the last page
    assert [structure.id_tree[name].words for name in agency.attributes["Headers"]][
        1
    ] == "Agency or organisation"


def test_p8_the_briefs_expected_questions_are_nested_in_agenda_item_4(brief_pdf):
    structure = read_structure(brief_pdf)
    agenda = next(element for element in structure.find_all("L") if element.words.startswith("1. "))
    assert [child.tag for child in agenda.children] == ["LI"] * 5  # no list between items 4 and 5
    item = agenda.children[3]
    assert item.children[0].words == "4." and "Your questions" in item.words
    (body,) = [child for child in item.children if child.tag == "LBody"]
    (questions,) = [child for child in body.children if child.tag == "L"]
    assert questions.children[0].words.startswith("◦ Will my officers be liable? Our answer:")


MIXED = "نحتاج إلى مدير مركز 911 然后是警察局长和消防代表 और अग्निशमन विभाग के प्रतिनिधि"


def test_p9_each_script_in_a_mixed_paragraph_is_read_in_its_own_language(prep):
    answer_create(prep=prep, question=3, text=MIXED)
    structure = read_structure(prep_pdf_source(prep, include_examples=False, include_extras=False).render())
    paragraph = paragraph_with(structure, "مدير")
    # Each run a Span in its language (the Arabic one in its paragraph's, which says Arabic).
    runs = [(span.lang or paragraph.lang, span.words) for span in paragraph.children if span.words]
    assert [lang for lang, _ in runs] == ["ar", "zh", "hi"], runs
    assert [text for _, text in runs] == [
        "نحتاج إلى مدير مركز 911",
        "然后是警察局长和消防代表",
        "और अग्निशमन विभाग के प्रतिनिधि",
    ]
    assert paragraph.actual_text is None  # the runs, not one text for the whole paragraph
    assert paragraph.words == MIXED  # read in the order typed, the Arabic from its run's /ActualText
