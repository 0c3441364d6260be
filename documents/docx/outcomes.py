"""What the Word files show of a meeting's outcome (issue 15), as the PDFs do and from the same selectors.

The notes get "Outcome and follow-ups" (outcomes/pdf/_outcome.html) after the questions and, for a later
meeting of a series, the stance timeline (outcomes/_timeline.html); the next meeting's brief gets "Since
last time" (outcomes/pdf/_since_last_time.html) after its agenda. Same headings, same order, same words.
"""

from django.utils.dateformat import format as date_format

from core.text import printable_text as clean
from outcomes.selectors import (
    STANCE_LABELS,
    OutcomeView,
    commitment_state_label,
    outcome_for_prep,
    series_view,
)

from .blocks import add_bullets, add_table, rtl_if_needed

DUE_FORMAT = "M j, Y"  # the PDFs' |date:"M j, Y"


def _stance(key) -> str:
    return STANCE_LABELS.get(key, "") if key is not None else ""


def add_outcome_notes(document, prep, *, reader) -> None:
    """The notes' "Outcome and follow-ups" and, in a series, "Stance over the work group's meetings" (of the
    meetings ``reader`` may open, as in the PDF)."""
    outcome = outcome_for_prep(prep)
    if not outcome.is_empty:
        heading = document.add_heading("Outcome and follow-ups", level=1)
        heading.paragraph_format.page_break_before = True
        if outcome.attended:
            document.add_heading("Who attended", level=2)
            document.add_paragraph(clean(", ".join(row.display_name for row in outcome.attended)))
        if outcome.decisions:
            document.add_heading("Decisions", level=2)
            add_bullets(document, [row.text for row in outcome.decisions])
        if outcome.commitments:
            document.add_heading("Commitments", level=2)
            rows = [
                [
                    row.what,
                    row.owner,
                    date_format(row.due, DUE_FORMAT) if row.due else "—",
                    commitment_state_label(row),
                ]
                for row in outcome.commitments
            ]
            add_table(document, "Commitments made at the meeting", ["What", "Owner", "Due", "State"], rows)
        if outcome.open_questions:
            document.add_heading("Questions still open", level=2)
            add_bullets(document, [row.text for row in outcome.open_questions])
        if outcome.changes:
            document.add_heading("Changes in stance and influence", level=2)
            for row in outcome.changes:
                person = row.stakeholder
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(clean(person.name)).bold = True
                paragraph.add_run(
                    clean(
                        f": {person.get_stance_display()} → {row.get_stance_display()}; influence "
                        f"{person.get_influence_display().lower()} → {row.get_influence_display().lower()}"
                        + (f". {row.note}" if row.note.strip() else "")
                    )
                )
                rtl_if_needed(paragraph, person.name)
    series = series_view(prep, reader=reader) if prep.series_root_id else None
    if series and len(series.preps) > 1:  # a later meeting: the ones before it she may open
        _add_timeline(document, series)


def _add_timeline(document, series) -> None:
    document.add_heading("Stance over the work group’s meetings", level=1)
    header = ["Person"] + [
        f"{n}. " + (date_format(p.meeting_date, DUE_FORMAT) if p.meeting_date else "no date")
        for n, p in enumerate(series.preps, start=1)
    ]
    rows = [
        [row.name]
        + [
            "—"
            if not cell.present
            else _stance(cell.before) + (f" → {_stance(cell.after)}" if cell.changed else "")
            for cell in row.cells
        ]
        for row in series.timeline
    ]
    if not rows:
        rows = [["No one on the rosters yet."] + [""] * len(series.preps)]
    caption = "Stance of each person at each meeting (going in → after, where recorded)"
    add_table(document, caption, header, rows)


def since_last_time_present(since: OutcomeView | None) -> bool:
    """Whether the brief shows "Since last time" (the PDF's condition)."""
    return bool(since and (since.decisions or since.commitments))


def add_since_last_time(document, since: OutcomeView) -> None:
    """The brief's "Since last time" body (its heading is the brief's own, as for its other sections)."""
    if since.decisions:
        document.add_heading("Decisions", level=3)
        add_bullets(document, [row.text for row in since.decisions])
    if since.commitments:
        document.add_heading("Commitments", level=3)
        for row in since.commitments:
            text = row.what + (f" — {row.owner}" if row.owner else "")
            text += f", due {date_format(row.due, DUE_FORMAT)}" if row.due else ""
            text += " (done)" if row.done else " (open)"
            paragraph = document.add_paragraph(clean(text), style="List Bullet")
            rtl_if_needed(paragraph, row.what)
