"""The power map's SVG: title and description, quadrant labels, every rated person a label with their roster
number, and names in full that never overlap or leave their cell, even with 30 people in one cell."""

import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from preps.power_map import (
    AXIS_LEFT,
    CELL_WIDTH,
    INFLUENCE_ROWS,
    LINE_HEIGHT,
    NUMBER_WIDTH,
    PADDING,
    QUADRANTS,
    STANCE_COLOURS,
    STANCE_COLUMNS,
    power_map,
    quadrant_of,
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
    for quadrant in QUADRANTS:
        assert quadrant.title in texts
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


def test_every_rated_cell_falls_in_exactly_one_quadrant_named_for_influence_and_stance():
    for influence, _ in INFLUENCE_ROWS:
        for stance, _ in STANCE_COLUMNS:
            owners = [q for q in QUADRANTS if influence in q.influences and stance in q.stances]
            assert len(owners) == 1, (influence, stance)
            assert quadrant_of(influence, stance) is owners[0]
    assert quadrant_of("high", "opposed").title == "Win over — address concerns"
    assert quadrant_of("high", "champion").title == "Champions — involve them"
    assert quadrant_of("low", "supportive").title == "Keep informed"
    assert quadrant_of("low", "opposed").title == "Watch"
    # Mendelow's interest words never label a stance axis.
    titles = " ".join(q.title for q in QUADRANTS)
    assert "Keep satisfied" not in titles and "Monitor" not in titles


def test_names_are_coloured_by_stance_and_the_legend_says_which_colour_is_which():
    drawn = power_map([person("Sam Lee", "low", "opposed"), person("Dana", "high", "champion")])
    root = ET.fromstring(drawn.svg)
    named = {
        t.find(f"{SVG}title").text: t.get("fill")
        for t in root.iter(f"{SVG}text")
        if t.find(f"{SVG}title") is not None
    }
    assert named == {"Sam Lee": STANCE_COLOURS["opposed"], "Dana": STANCE_COLOURS["champion"]}
    assert "Name colour shows stance:" in ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    # The legend names each stance in its colour (the axis below the grid names them in black).
    legend_fills = [
        t.get("fill")
        for t in root.iter(f"{SVG}text")
        if "".join(t.itertext()) in dict(STANCE_COLUMNS).values()
    ]
    assert set(STANCE_COLOURS.values()) <= set(legend_fills)


def test_the_phone_list_groups_people_by_the_same_quadrants():
    people = [
        person("A", "high", "opposed"),
        person("B", "medium", "supportive"),
        person("C", "low", "neutral"),
    ]
    grouped = power_map(people).by_quadrant
    assert [quadrant for quadrant, _ in grouped] == list(QUADRANTS)
    names = {quadrant.key: [(n, p.name) for n, p in members] for quadrant, members in grouped}
    assert names == {
        "champions": [(2, "B")],
        "win-over": [(1, "A")],
        "keep-informed": [(3, "C")],
        "watch": [],
    }
