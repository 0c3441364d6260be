"""The power map: the roster's people on a grid of influence (rows, high at the top) by stance (columns,
opposed at the left), drawn on the server as SVG (no chart library, no script, no style attribute: the CSP
stays strict).

The grid falls into four quadrants of influence × stance (``QUADRANTS``, the one definition the page, the
phone's list and the PDF all use): each cell belongs to exactly one. Each name is coloured by its stance
(``STANCE_COLOURS``), and the legend says so in words (``stance_legend``): colour is never the only cue, the
column says it too.

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


@dataclass(frozen=True)
class Quadrant:
    """A part of the map and what its people call for: influence × stance, not Mendelow's interest."""

    key: str
    title: str
    influences: frozenset[str]
    stances: frozenset[str]
    corner: tuple[str, str]  # where its title sits on the map: ("top" | "bottom", "left" | "right")


SUPPORTIVE = frozenset({"supportive", "champion"})
NOT_YET_FOR = frozenset({"opposed", "skeptical", "neutral"})
AGAINST = frozenset({"opposed", "skeptical"})
NOT_AGAINST = frozenset({"neutral", "supportive", "champion"})
WITH_INFLUENCE = frozenset({"high", "medium"})
# Each (influence, stance) cell in exactly one quadrant: an undecided person with influence is someone to
# win over; an undecided one without it is someone to keep informed.
QUADRANTS: tuple[Quadrant, ...] = (
    Quadrant("champions", "Champions — involve them", WITH_INFLUENCE, SUPPORTIVE, ("top", "right")),
    Quadrant("win-over", "Win over — address concerns", WITH_INFLUENCE, NOT_YET_FOR, ("top", "left")),
    Quadrant("keep-informed", "Keep informed", frozenset({"low"}), NOT_AGAINST, ("bottom", "right")),
    Quadrant("watch", "Watch", frozenset({"low"}), AGAINST, ("bottom", "left")),
)
# Each stance's ink on the map: dark enough for 4.5:1 on every cell's tint, and told apart in the legend.
STANCE_COLOURS = {
    "opposed": "#a01a1a",
    "skeptical": "#8a4500",
    "neutral": "#3d3d3d",
    "supportive": "#1d4f91",
    "champion": "#1b6232",
}
QUADRANT_TINTS = {
    "champions": "#eaf4ec",
    "win-over": "#fbf0e6",
    "keep-informed": "#edf2f9",
    "watch": "#f3f3f3",
}


def quadrant_of(influence: str, stance: str) -> Quadrant | None:
    """The quadrant of a rated person; None until both influence and stance are set."""
    return next((q for q in QUADRANTS if influence in q.influences and stance in q.stances), None)


def stance_legend() -> list[tuple[str, str, str]]:
    """(stance, label, colour) for the legend under the map, in the columns' order."""
    return [(stance, label, STANCE_COLOURS[stance]) for stance, label in STANCE_COLUMNS]


def people_by_quadrant(people) -> list[tuple[Quadrant, list[tuple[int, object]]]]:
    """Each quadrant with its (roster number, person), for the phone's list; quadrants without people kept,
    so the list reads the same every time."""
    numbered = list(enumerate(people, start=1))
    return [
        (q, [(n, p) for n, p in numbered if p.influence in q.influences and p.stance in q.stances])
        for q in QUADRANTS
    ]


CELL_WIDTH = 140
LINE_HEIGHT = 18
FONT_SIZE = 13
PADDING = 6
LABEL_BAND = 24  # the quadrant label's line at the top or bottom of a corner cell
AXIS_LEFT = 76
AXIS_TOP = 30
AXIS_BOTTOM = 44
LEGEND_BAND = 30  # the stance legend's line under the axis title
LEGEND_LEAD = "Name colour shows stance:"
SWATCH = 12
# A generous estimate of a character's width at FONT_SIZE (most Latin letters are narrower), so a
# shortened name always fits its cell whatever font the viewer has.
CHAR_WIDTH = 0.6 * FONT_SIZE
WIDE_CHAR_WIDTH = 1.0 * FONT_SIZE  # CJK and other East Asian wide characters
NUMBER_WIDTH = 18  # the roster number before each name ("12")
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
    by_quadrant: list  # people_by_quadrant(people): the phone's list
    legend: list  # stance_legend(): the words beside the colours

    @property
    def quadrant_titles(self) -> list[str]:
        return [quadrant.title for quadrant in QUADRANTS]


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


def _quadrant_borders(row_tops: dict[str, float], row_heights: dict[str, float]) -> list[str]:
    """Thick lines where one quadrant meets another: under the medium row, and in each half between the
    columns whose cells fall in different quadrants."""
    stances = [stance for stance, _ in STANCE_COLUMNS]
    right = AXIS_LEFT + CELL_WIDTH * len(stances)
    low_top = row_tops["low"]
    lines = [(AXIS_LEFT, low_top, right, low_top)]
    for influence in ("high", "medium", "low"):
        for col in range(1, len(stances)):
            if quadrant_of(influence, stances[col - 1]) != quadrant_of(influence, stances[col]):
                x = AXIS_LEFT + col * CELL_WIDTH
                top = row_tops[influence]
                lines.append((x, top, x, top + row_heights[influence]))
    return [
        f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#1a1a1a" stroke-width="3"/>'
        for x1, y1, x2, y2 in lines
    ]


def _legend(baseline: float) -> list[str]:
    """The legend in words under the map: a swatch of each stance's colour, then the stance's name."""
    parts = [
        f'<text x="{AXIS_LEFT}" y="{baseline}" font-size="{FONT_SIZE}" font-weight="bold" fill="#1a1a1a">'
        f"{LEGEND_LEAD}</text>"
    ]
    x = AXIS_LEFT + text_width(LEGEND_LEAD) + 8
    for _stance, label, colour in stance_legend():
        top = baseline - SWATCH + 1
        parts.append(
            f'<rect x="{x:.0f}" y="{top}" width="{SWATCH}" height="{SWATCH}" fill="{colour}"/>'
            f'<text x="{x + SWATCH + 5:.0f}" y="{baseline}" font-size="{FONT_SIZE}" '
            f'fill="{colour}">{label}</text>'
        )
        x += SWATCH + 5 + text_width(label) + 10
    return parts


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
    height = int(grid_bottom + AXIS_BOTTOM + LEGEND_BAND)

    parts = []
    labels: list[MapLabel] = []
    for row_index, (influence, influence_label) in enumerate(INFLUENCE_ROWS):
        y0 = row_tops[influence]
        band_top = LABEL_BAND if row_index == 0 else 0
        for col_index, (stance, _stance_label) in enumerate(STANCE_COLUMNS):
            x0 = AXIS_LEFT + col_index * CELL_WIDTH
            fill = QUADRANT_TINTS[quadrant_of(influence, stance).key]
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
                    f'<text x="{x}" y="{y}" font-size="{FONT_SIZE}" fill="{STANCE_COLOURS[stance]}">'
                    f"<title>{escape(person.name)}</title>"
                    f'<tspan font-weight="bold">{label.number}</tspan>{lines}</text>'
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
    parts += _quadrant_borders(row_tops, row_heights)
    parts += _legend(grid_bottom + AXIS_BOTTOM + LEGEND_BAND - 10)
    # Quadrant titles in the label bands of the corner cells.
    top_y = row_tops["high"] + 17
    bottom_y = row_tops["low"] + row_heights["low"] - 8
    left_x = AXIS_LEFT + PADDING
    right_x = AXIS_LEFT + CELL_WIDTH * len(STANCE_COLUMNS) - PADDING
    for quadrant in QUADRANTS:
        vertical, horizontal = quadrant.corner
        y = top_y if vertical == "top" else bottom_y
        x, anchor = (left_x, "start") if horizontal == "left" else (right_x, "end")
        parts.append(
            f'<text x="{x}" y="{y}" font-size="{FONT_SIZE}" font-weight="bold" text-anchor="{anchor}" '
            f'fill="#1a1a1a">{escape(quadrant.title)}</text>'
        )

    rated = len(labels)
    description = (
        f"{rated} of {rated + len(unrated)} people rated, placed by influence (low, medium, high) and stance "
        "(opposed to champion); each name is coloured by stance. "
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
    return PowerMap(
        svg,
        labels,
        width,
        height,
        row_tops,
        row_heights,
        unrated,
        description,
        people_by_quadrant(people),
        stance_legend(),
    )
