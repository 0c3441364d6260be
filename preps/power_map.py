"""The power map: the roster's people on a grid of influence (rows, high at the top) by stance (columns,
opposed at the left), drawn on the server as SVG (no chart library, no script, no style attribute: the CSP
stays strict).

Names never overlap and are never cut short: each cell lists its people one under the other, each name in
full, wrapped onto as many lines as it needs (a text width estimate that errs wide, so a line always fits its
cell), and a row is as tall as its fullest cell: 30 people in one cell make a tall row, not a pile. Each name
starts with the person's number on the roster, the same number as in the table beside the map.
"""

from dataclasses import dataclass
from unicodedata import east_asian_width
from xml.sax.saxutils import escape

INFLUENCE_ROWS = [("high", "High"), ("medium", "Medium"), ("low", "Low")]
STANCE_COLUMNS = [
    ("opposed", "Opposed"),
    ("skeptical", "Skeptical"),
    ("neutral", "Neutral"),
    ("supportive", "Supportive"),
    ("champion", "Champion"),
]
# The engagement each corner of the map calls for.
QUADRANTS = {
    ("top", "left"): "Keep satisfied",
    ("top", "right"): "Work closely with",
    ("bottom", "left"): "Monitor",
    ("bottom", "right"): "Keep informed",
}

CELL_WIDTH = 148
LINE_HEIGHT = 16
FONT_SIZE = 12
PADDING = 8
LABEL_BAND = 22  # the quadrant label's line at the top or bottom of a corner cell
AXIS_LEFT = 76
AXIS_TOP = 30
AXIS_BOTTOM = 44
# A generous estimate of a character's width at FONT_SIZE (most Latin letters are narrower), so a
# shortened name always fits its cell whatever font the viewer has.
CHAR_WIDTH = 0.62 * FONT_SIZE
WIDE_CHAR_WIDTH = 1.0 * FONT_SIZE  # CJK and other East Asian wide characters
NUMBER_WIDTH = 22  # the roster number before each name ("12")
PERSON_GAP = 4  # between two people in a cell


@dataclass(frozen=True)
class MapLabel:
    name: str
    number: int  # the person's place on the roster, from 1
    lines: tuple[str, ...]  # the name as wrapped on the map: joined by spaces, the name again
    x: float
    y: float  # the first line's baseline
    cell: tuple[str, str]  # (influence, stance)

    @property
    def bottom(self) -> float:
        return self.y + (len(self.lines) - 1) * LINE_HEIGHT


@dataclass(frozen=True)
class PowerMap:
    svg: str
    labels: list[MapLabel]
    width: int
    height: int
    row_tops: dict[str, float]
    row_heights: dict[str, float]
    unrated: list
    description: str  # the SVG's <desc>: also the alternative text of an image of it


def text_width(text: str) -> float:
    """A generous estimate of ``text``'s width at FONT_SIZE: East Asian wide characters take a full em."""
    return sum(WIDE_CHAR_WIDTH if east_asian_width(ch) in "WF" else CHAR_WIDTH for ch in text)


def wrap(name: str, width: float = CELL_WIDTH) -> tuple[str, ...]:
    """``name`` in lines that each fit a cell's width after the number: at spaces, and inside a word only
    when the word alone is wider than a line."""
    room = width - 2 * PADDING - NUMBER_WIDTH
    lines: list[str] = []
    for word in name.split():
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(joined) <= room:
            lines[-1] = joined
            continue
        while text_width(word) > room:
            cut = max(next(n for n in range(len(word), 0, -1) if text_width(word[:n]) <= room), 1)
            lines.append(word[:cut])
            word = word[cut:]
        if word:
            lines.append(word)
    return tuple(lines) or ("",)


def _cell_height(people: list) -> float:
    lines = sum(len(wrap(person.name)) for person in people)
    return lines * LINE_HEIGHT + max(len(people) - 1, 0) * PERSON_GAP


def power_map(people) -> PowerMap:
    people = list(people)
    cells: dict[tuple[str, str], list] = {}
    unrated = []
    numbers = {id(person): n for n, person in enumerate(people, start=1)}
    for person in people:
        if person.influence and person.stance:
            cells.setdefault((person.influence, person.stance), []).append(person)
        else:
            unrated.append(person)
    row_heights, row_tops = {}, {}
    top = AXIS_TOP
    for index, (influence, _label) in enumerate(INFLUENCE_ROWS):
        fullest = max(_cell_height(cells.get((influence, stance), [])) for stance, _ in STANCE_COLUMNS)
        band = LABEL_BAND if index in (0, len(INFLUENCE_ROWS) - 1) else 0
        row_heights[influence] = max(3 * LINE_HEIGHT, fullest) + 2 * PADDING + band
        row_tops[influence] = top
        top += row_heights[influence]
    grid_bottom = top
    width = AXIS_LEFT + CELL_WIDTH * len(STANCE_COLUMNS) + PADDING
    height = int(grid_bottom + AXIS_BOTTOM)

    parts = []
    labels: list[MapLabel] = []
    for row_index, (influence, influence_label) in enumerate(INFLUENCE_ROWS):
        y0 = row_tops[influence]
        band_top = LABEL_BAND if row_index == 0 else 0
        for col_index, (stance, _stance_label) in enumerate(STANCE_COLUMNS):
            x0 = AXIS_LEFT + col_index * CELL_WIDTH
            fill = "#eef4f8" if (col_index < 2) != (row_index == 0) else "#f8f8f8"
            parts.append(
                f'<rect x="{x0}" y="{y0}" width="{CELL_WIDTH}" height="{row_heights[influence]}" '
                f'fill="{fill}" stroke="#8a8a8a" stroke-width="1"/>'
            )
            y = y0 + band_top + PADDING + LINE_HEIGHT - 4
            for person in cells.get((influence, stance), []):
                x = x0 + PADDING
                label = MapLabel(
                    person.name, numbers[id(person)], wrap(person.name), x, y, (influence, stance)
                )
                labels.append(label)
                name_x = x + NUMBER_WIDTH
                lines = "".join(
                    f'<tspan x="{name_x}" dy="{LINE_HEIGHT if n else 0}">{escape(line)}</tspan>'
                    for n, line in enumerate(label.lines)
                )
                parts.append(
                    f'<text x="{x}" y="{y}" font-size="{FONT_SIZE}" fill="#1a1a1a">'
                    f"<title>{escape(person.name)}</title>"
                    f'<tspan font-weight="bold" fill="#1f4e79">{label.number}</tspan>{lines}</text>'
                )
                y = label.bottom + LINE_HEIGHT + PERSON_GAP
        parts.append(
            f'<text x="{AXIS_LEFT - 8}" y="{y0 + row_heights[influence] / 2 + 4}" font-size="{FONT_SIZE}" '
            f'text-anchor="end" fill="#1a1a1a">{influence_label}</text>'
        )
    for col_index, (_stance, stance_label) in enumerate(STANCE_COLUMNS):
        x = AXIS_LEFT + col_index * CELL_WIDTH + CELL_WIDTH / 2
        parts.append(
            f'<text x="{x}" y="{grid_bottom + 16}" font-size="{FONT_SIZE}" text-anchor="middle" '
            f'fill="#1a1a1a">{stance_label}</text>'
        )
    parts.append(
        f'<text x="{AXIS_LEFT + CELL_WIDTH * len(STANCE_COLUMNS) / 2}" y="{grid_bottom + 36}" '
        f'font-size="{FONT_SIZE}" font-weight="bold" text-anchor="middle" fill="#1a1a1a">'
        "Stance on the program</text>"
        f'<text x="12" y="{AXIS_TOP - 12}" font-size="{FONT_SIZE}" font-weight="bold" fill="#1a1a1a">'
        "Influence</text>"
    )
    # Quadrant labels in the label bands of the corner cells.
    top_y = row_tops["high"] + 15
    bottom_y = row_tops["low"] + row_heights["low"] - 7
    left_x = AXIS_LEFT + PADDING
    right_x = AXIS_LEFT + CELL_WIDTH * len(STANCE_COLUMNS) - PADDING
    for (vertical, horizontal), text in QUADRANTS.items():
        y = top_y if vertical == "top" else bottom_y
        x, anchor = (left_x, "start") if horizontal == "left" else (right_x, "end")
        parts.append(
            f'<text x="{x}" y="{y}" font-size="{FONT_SIZE - 1}" font-style="italic" text-anchor="{anchor}" '
            f'fill="#3b3b3b">{escape(text)}</text>'
        )

    rated = len(labels)
    description = (
        f"{rated} of {rated + len(unrated)} people rated, placed by influence (low, medium, high) and stance "
        "(opposed to champion). "
        + " ".join(
            f"{influence_label} influence, {stance_label.lower()}: "
            + ", ".join(p.name for p in cells[(influence, stance)])
            + "."
            for influence, influence_label in INFLUENCE_ROWS
            for stance, stance_label in STANCE_COLUMNS
            if cells.get((influence, stance))
        )
    )
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" class="power-map" role="img" '
        f'viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="power-map-title power-map-desc" '
        f'font-family="sans-serif">'
        f'<title id="power-map-title">Power map: influence by stance</title>'
        f'<desc id="power-map-desc">{escape(description)}</desc>' + "".join(parts) + "</svg>"
    )
    return PowerMap(svg, labels, width, height, row_tops, row_heights, unrated, description)
