"""The power map's SVG: title and description, quadrant labels, every rated person a label with their roster
number, and names in full that never overlap or leave their cell, even with 30 people in one cell."""

import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from preps.power_map import (
    AXIS_LEFT,
    CELL_WIDTH,
    LINE_HEIGHT,
    NUMBER_WIDTH,
    PADDING,
    QUADRANTS,
    STANCE_COLUMNS,
    power_map,
    text_width,
    wrap,
)

SVG = "{http://www.w3.org/2000/svg}"


def person(name, influence="high", stance="champion"):
    return SimpleNamespace(name=name, influence=influence, stance=stance)


def test_title_description_and_quadrants():
    drawn = power_map(
        [
            person("Chief Ortiz", "high", "opposed"),
            person("Sam Lee", "low", "supportive"),
            person("Unrated", "", ""),
        ]
    )
    root = ET.fromstring(drawn.svg)
    assert root.find(f"{SVG}title").text == "Power map: influence by stance"
    desc = root.find(f"{SVG}desc").text
    assert "High influence, opposed: Chief Ortiz." in desc and "Low influence, supportive: Sam Lee." in desc
    assert "2 of 3 people rated" in desc
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    for label in QUADRANTS.values():
        assert label in texts
    assert [p.name for p in drawn.unrated] == ["Unrated"]
    assert "<script" not in drawn.svg and " style=" not in drawn.svg


def test_thirty_people_in_one_cell_never_overlap_and_keep_their_whole_names():
    people = [person(f"Council member number {n} with a long name") for n in range(30)]
    people += [person("Other", "high", "opposed"), person("Low one", "low", "neutral")]
    drawn = power_map(people)
    cell = sorted(
        (label for label in drawn.labels if label.cell == ("high", "champion")), key=lambda la: la.y
    )
    assert len(cell) == 30
    # Each name whole on the map (wrapped, never cut), each line inside the cell's width.
    column = [stance for stance, _ in STANCE_COLUMNS].index("champion")
    for n, label in enumerate(cell):
        assert " ".join(label.lines) == f"Council member number {n} with a long name"
        assert label.number == n + 1
        for line in label.lines:
            assert (
                label.x + NUMBER_WIDTH + text_width(line) <= AXIS_LEFT + (column + 1) * CELL_WIDTH - PADDING
            )
    # One person's last line is above the next person's first: no two labels share a line.
    assert all(b.y - a.bottom >= LINE_HEIGHT for a, b in zip(cell, cell[1:], strict=False))
    top, height = drawn.row_tops["high"], drawn.row_heights["high"]
    assert all(top < label.y - LINE_HEIGHT + 4 and label.bottom <= top + height - PADDING for label in cell)
    # The rows below start under the tall row: no label of another row inside it.
    assert drawn.row_tops["medium"] >= top + height
    assert all(not (top <= label.y <= top + height) for label in drawn.labels if label.cell[0] != "high")
    # Every line of every name is in the SVG, in order.
    root = ET.fromstring(drawn.svg)
    shown = [[span.text for span in t.iter(f"{SVG}tspan")] for t in root.iter(f"{SVG}text")]
    assert ["1", *cell[0].lines] in shown


@pytest.mark.parametrize(
    "name",
    [
        "Dana Whitfield",
        "Chief Dana Whitfield-Okonkwo",
        "Supercalifragilisticexpialidocious",
        "Li",
        "A B C D E F",
        "王小明市议会议员兼公共安全委员会主席",
        "Councilmember 李 Wang",
    ],
)
def test_a_name_wraps_at_spaces_and_only_breaks_a_word_too_long_for_a_line(name):
    lines = wrap(name)
    assert "".join(lines).replace(" ", "") == name.replace(" ", "")
    room = CELL_WIDTH - 2 * PADDING - NUMBER_WIDTH
    assert all(text_width(line) <= room for line in lines)
    if all(text_width(word) <= room for word in name.split()):
        assert " ".join(lines) == name


def test_the_width_estimate_errs_wide():
    assert text_width("王") > text_width("W") * 1.5
    assert text_width("Dana Whitfield") >= 14 * 0.6 * 12


def test_dana_whitfield_stays_on_one_line():
    assert wrap("Dana Whitfield") == ("Dana Whitfield",)


def test_an_empty_roster_still_draws_the_grid():
    drawn = power_map([])
    assert drawn.labels == [] and "0 of 0 people rated" in drawn.description
    ET.fromstring(drawn.svg)
