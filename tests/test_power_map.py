"""The power map's SVG: title and description, quadrant labels, every rated person a label, and labels that
never overlap or leave their cell, even with 30 people in one cell."""

import xml.etree.ElementTree as ET
from types import SimpleNamespace

from preps.power_map import CELL_WIDTH, CHAR_WIDTH, LINE_HEIGHT, PADDING, QUADRANTS, STANCE_COLUMNS, power_map

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


def test_thirty_people_in_one_cell_never_overlap():
    people = [person(f"Council member number {n} with a long name") for n in range(30)]
    people += [person("Other", "high", "opposed"), person("Low one", "low", "neutral")]
    drawn = power_map(people)
    cell = [label for label in drawn.labels if label.cell == ("high", "champion")]
    assert len(cell) == 30
    ys = sorted(label.y for label in cell)
    assert all(b - a >= LINE_HEIGHT for a, b in zip(ys, ys[1:], strict=False))
    top, height = drawn.row_tops["high"], drawn.row_heights["high"]
    assert all(top < y - LINE_HEIGHT + 4 and y <= top + height - PADDING for y in ys)
    column = [stance for stance, _ in STANCE_COLUMNS].index("champion")
    for label in cell:
        right_edge = label.x + 10 + len(label.name) * CHAR_WIDTH
        assert right_edge <= 76 + (column + 1) * CELL_WIDTH, label.name
        assert label.name.endswith("…")
    # The rows below start under the tall row: no label of another row inside it.
    assert drawn.row_tops["medium"] >= top + height
    assert all(not (top <= label.y <= top + height) for label in drawn.labels if label.cell[0] != "high")


def test_an_empty_roster_still_draws_the_grid():
    drawn = power_map([])
    assert drawn.labels == [] and "0 of 0 people rated" in drawn.description
    ET.fromstring(drawn.svg)
