"""The Word notes print each thing once, as the notes PDF does (tests/documents/pdf/
test_notes_print_each_thing_once.py), read back with python-docx from a director's whole meeting prep
(testsupport/rich_world.py): the roster as one table with influence and stance, each person's notes, each
expected question, each linked FAQ answer in full under question 4 only (the FAQ at the end names where it
is), each question's prose under "Other notes" after the roster's part, and the power map as a list by
quadrant with the map's own quadrant titles."""

import io
import re
import unicodedata

import docx
import pytest

from documents.docx.notes import notes_docx
from preps.models import MeetingPrep
from preps.power_map import QUADRANTS
from preps.selectors import prep_with_content
from testsupport.factories import answer_create, expected_question_create
from testsupport.rich_world import world_build_rich

pytestmark = pytest.mark.django_db


@pytest.fixture
def rich(worksheet) -> MeetingPrep:
    world = world_build_rich()
    return MeetingPrep.objects.get(pk=world["paths"]["prep"])


def lines_of(prep: MeetingPrep) -> list[str]:
    """Each paragraph and each table row of the Word notes, in the body's order, normalised."""
    document = docx.Document(io.BytesIO(notes_docx(prep_with_content(prep)).content))
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            lines.extend(" | ".join(cell.text for cell in row.cells) for row in block.rows)
        else:
            lines.append(block.text)
    return [" ".join(unicodedata.normalize("NFKC", line).split()) for line in lines]


def test_each_linked_faq_answer_each_note_and_each_question_is_printed_once(rich):
    lines = lines_of(rich)
    text = " ".join(lines)
    linked = rich.worksheet.faq_entries.filter(expected_questions__prep=rich).distinct()
    assert linked.count() == 2
    for entry in linked:
        plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", entry.answer)  # a Markdown link's words
        assert text.count(" ".join(plain.split()[:8])) == 1, entry.question
        # In the FAQ at the end, its question and where its answer is.
        faq_heading = lines.index(entry.question)
        assert lines[faq_heading + 1] == "Answered under question 4, where a question you expect links it."
    for expected in rich.expected_questions.all():
        assert text.count(expected.text) == 1, expected.text
    for person in rich.stakeholders.all():
        for note in (person.what_matters, person.concerns, person.expertise):
            if note.strip():
                assert text.count(" ".join(note.split()[:5])) == 1, note
    assert text.count("The people on the roster") == 1
    assert "The power map as a table" not in text


def test_the_faq_at_the_end_links_to_the_answer_under_question_4(rich):
    document = docx.Document(io.BytesIO(notes_docx(prep_with_content(rich)).content))
    body = document.element.body
    anchors = [link.get(docx.oxml.ns.qn("w:anchor")) for link in body.iter(docx.oxml.ns.qn("w:hyperlink"))]
    bookmarks = {
        mark.get(docx.oxml.ns.qn("w:name")) for mark in body.iter(docx.oxml.ns.qn("w:bookmarkStart"))
    }
    internal = [anchor for anchor in anchors if anchor]
    assert len(internal) == 2 and set(internal) <= bookmarks


def test_each_questions_prose_follows_its_roster_part_under_other_notes(rich):
    lines = lines_of(rich)

    def at(words: str) -> int:
        return next(index for index, line in enumerate(lines) if line.startswith(words))

    for position in (1, 2, 3, 4):
        prose = at(f"Quokkaanswer {position}, draft 2.")
        assert sum(line.startswith(f"Quokkaanswer {position},") for line in lines) == 1
        other_notes = max(index for index, line in enumerate(lines[:prose]) if line == "Other notes")
        assert other_notes > at(f"Question {position}:")
    assert at("The people on the roster") < at("Quokkaanswer 1, draft 2.")
    assert at("Likely concerns: Liability if a call escalates.") < at("Quokkaanswer 3, draft 2.")
    assert at("How will 911 transfer a call?") < at("Quokkaanswer 4, draft 2.")


def test_a_prep_without_a_roster_has_no_other_notes_and_no_power_map(prep):
    answer_create(prep=prep, question=1, text="The chief and the 911 director.")
    lines = lines_of(prep)
    prompt = prep.worksheet.questions.get(position=1).prompt
    assert lines.index("The chief and the 911 director.") > lines.index(f"Question 1: {prompt}")
    assert "Other notes" not in lines and "Power map" not in lines
    assert "The people on the roster" not in lines


def test_the_roster_is_one_table_with_ratings_and_the_map_a_list_by_quadrant(rich):
    lines = lines_of(rich)
    roster = lines.index("The people on the roster")
    assert lines[roster + 1] == (
        "No. | Name | Title or role | Agency or organisation | Kind | This meeting | Influence, stance"
    )
    numbers = {person.name: n for n, person in enumerate(rich.stakeholders.order_by("position", "pk"), 1)}
    rows = {line.split(" | ")[1]: line for line in lines[roster + 2 : roster + 2 + len(numbers)]}
    assert rows["Dana Whitfield"].startswith(
        f"{numbers['Dana Whitfield']} | Dana Whitfield | Director, Emergency Communications |"
    )
    assert rows["Dana Whitfield"].endswith("| High, skeptical")
    assert rows["Council member Zoë Okafor"].endswith("| Medium, champion")
    assert [name for name, row in rows.items() if row.endswith("| Not rated")] == ["Quokkatitle person"]
    # The map by quadrant, its titles from preps.power_map (the one definition), each person by number.
    titles = [lines.index(quadrant.title) for quadrant in QUADRANTS]
    assert roster < lines.index("Power map") < titles[0] and titles == sorted(titles)
    champions, win_over, keep_informed, watch = titles
    okafor = "Council member Zoë Okafor"
    assert lines[champions + 1 : win_over] == [f"{numbers[okafor]}. {okafor}"]
    assert lines[win_over + 1 : keep_informed] == [
        f"{numbers['Dana Whitfield']}. Dana Whitfield",
        f"{numbers['Chief Ana Núñez']}. Chief Ana Núñez",
    ]
    assert lines[keep_informed + 1] == "No one yet." and lines[watch + 1] == "No one yet."
    assert "Not rated yet" not in lines  # the table says who is not rated


def test_a_faq_answer_two_questions_link_is_printed_once_and_pointed_to_after(rich):
    first = rich.expected_questions.get(text="Who is liable if a call escalates?")
    entry = first.faq_entries.order_by("position").first()
    expected_question_create(prep=rich, text="What if CARE is sued?", faq_entries=[entry])
    lines = lines_of(rich)
    assert lines.count(f"From the FAQ: {entry.question}") == 1
    pointer = f"From the FAQ: “{entry.question}”, answered above under “{first.text}”."
    assert lines.index(f"From the FAQ: {entry.question}") < lines.index(pointer)
    assert lines.index("What if CARE is sued?") < lines.index(pointer)
