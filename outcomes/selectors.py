"""Reads of meeting outcomes and series. Reading never writes: a prep whose outcome was never opened has
none (``OutcomeView`` empty)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from preps.models import MeetingPrep, Stakeholder
from preps.selectors import preps_readable_by

from .models import Attendance, Commitment, Decision, MeetingOutcome, OpenQuestion, StanceChange

DUE_SOON_DAYS = 7
STANCE_LABELS = dict(Stakeholder.Stance.choices)
INFLUENCE_LABELS = dict(Stakeholder.Influence.choices)


@dataclass(frozen=True)
class OutcomeView:
    """One meeting's outcome with its rows in order (empty lists when never recorded)."""

    outcome: MeetingOutcome | None
    attendances: list[Attendance] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    open_questions: list[OpenQuestion] = field(default_factory=list)
    stance_changes: list[StanceChange] = field(default_factory=list)

    @property
    def attended(self) -> list[Attendance]:
        return [row for row in self.attendances if row.attended]

    @property
    def changes(self) -> list[StanceChange]:
        return [row for row in self.stance_changes if row.changed]

    @property
    def is_empty(self) -> bool:
        return not (
            self.attended or self.decisions or self.commitments or self.open_questions or self.changes
        )


def _outcomes_prefetched():
    return MeetingOutcome.objects.prefetch_related(
        Prefetch("attendances", queryset=Attendance.objects.select_related("stakeholder").order_by("pk")),
        Prefetch("decisions", queryset=Decision.objects.order_by("position", "pk")),
        Prefetch(
            "commitments",
            queryset=Commitment.objects.select_related("owner_person").order_by("position", "pk"),
        ),
        Prefetch("open_questions", queryset=OpenQuestion.objects.order_by("position", "pk")),
        Prefetch(
            "stance_changes",
            queryset=StanceChange.objects.select_related("stakeholder").order_by(
                "stakeholder__position", "pk"
            ),
        ),
    )


def _view(outcome: MeetingOutcome | None) -> OutcomeView:
    if outcome is None:
        return OutcomeView(outcome=None)
    return OutcomeView(
        outcome=outcome,
        attendances=sorted(
            outcome.attendances.all(),
            key=lambda row: (
                row.stakeholder is None,
                row.stakeholder.position if row.stakeholder else 0,
                row.pk,
            ),
        ),
        decisions=list(outcome.decisions.all()),
        commitments=list(outcome.commitments.all()),
        open_questions=list(outcome.open_questions.all()),
        stance_changes=list(outcome.stance_changes.all()),
    )


def outcomes_for_preps(preps: list[MeetingPrep]) -> dict[int, OutcomeView]:
    """Each prep's outcome by the prep's pk, in a constant number of queries however many preps."""
    outcomes = {o.prep_id: o for o in _outcomes_prefetched().filter(prep__in=[p.pk for p in preps])}
    return {prep.pk: _view(outcomes.get(prep.pk)) for prep in preps}


def outcome_for_prep(prep: MeetingPrep) -> OutcomeView:
    return outcomes_for_preps([prep])[prep.pk]


def series_for_prep(prep: MeetingPrep, *, reader) -> list[MeetingPrep]:
    """The meetings of ``prep``'s series (its first meeting and every one prepared from it) that belong to the
    same owner and that ``reader`` may open, in meeting order (undated last, then by creation). A colleague
    invited to one meeting sees that one, not the others of its series."""
    root = prep.series_root_id or prep.pk
    preps = preps_readable_by(reader).filter(Q(pk=root) | Q(series_root_id=root), owner_id=prep.owner_id)
    return sorted(
        preps.select_related("worksheet"),
        key=lambda p: (p.meeting_date is None, p.meeting_date or datetime.date.min, p.created_at, p.pk),
    )


@dataclass(frozen=True)
class TimelineCell:
    before: (
        str  # the stance going in (the roster's), "" when not rated, None when not on that meeting's roster
    )
    after: str | None  # the stance recorded after the meeting, None when no outcome recorded
    note: str = ""

    @property
    def present(self) -> bool:
        return self.before is not None

    @property
    def changed(self) -> bool:
        return self.after is not None and self.after != self.before


@dataclass(frozen=True)
class TimelineRow:
    name: str
    cells: list[TimelineCell]


def _person_key(person: Stakeholder) -> str:
    # A copied roster has new rows, so one person across meetings is known by name (as she wrote it).
    return " ".join(person.name.casefold().split())


def stance_timeline(preps: list[MeetingPrep], outcomes: dict[int, OutcomeView]) -> list[TimelineRow]:
    """Per person (by name, in order of first appearance), their stance at each meeting of ``preps``."""
    people = list(Stakeholder.objects.filter(prep__in=preps).order_by("position", "pk"))
    by_prep: dict[int, dict[str, Stakeholder]] = {p.pk: {} for p in preps}
    names: dict[str, str] = {}
    for prep in preps:
        for person in (p for p in people if p.prep_id == prep.pk):
            by_prep[prep.pk].setdefault(_person_key(person), person)
            names.setdefault(_person_key(person), person.name)
    rows = []
    for key, name in names.items():
        cells = []
        for prep in preps:
            person = by_prep[prep.pk].get(key)
            if person is None:
                cells.append(TimelineCell(before=None, after=None))
                continue
            change = next(
                (c for c in outcomes[prep.pk].stance_changes if c.stakeholder_id == person.pk), None
            )
            cells.append(
                TimelineCell(
                    before=person.stance,
                    after=change.stance if change else None,
                    note=change.note if change else "",
                )
            )
        rows.append(TimelineRow(name=name, cells=cells))
    return rows


@dataclass(frozen=True)
class SeriesView:
    preps: list[MeetingPrep]
    outcomes: dict[int, OutcomeView]
    timeline: list[TimelineRow]

    @property
    def commitments(self) -> list[tuple[MeetingPrep, Commitment]]:
        return [(prep, c) for prep in self.preps for c in self.outcomes[prep.pk].commitments]


def series_view(prep: MeetingPrep, *, reader) -> SeriesView:
    """The series as ``reader`` may see it (``series_for_prep``)."""
    preps = series_for_prep(prep, reader=reader)
    outcomes = outcomes_for_preps(preps)
    return SeriesView(preps=preps, outcomes=outcomes, timeline=stance_timeline(preps, outcomes))


def previous_for_reader(prep: MeetingPrep, *, reader) -> int | None:
    """The id of the meeting ``prep`` was prepared from, if ``reader`` may open it (else None)."""
    if not prep.previous_id:
        return None
    return preps_readable_by(reader).filter(pk=prep.previous_id).values_list("pk", flat=True).first()


def since_last_time(prep: MeetingPrep, *, reader) -> OutcomeView | None:
    """The outcome of the meeting ``prep`` follows (its decisions and commitments), or None; None too when
    ``reader`` may not open that meeting."""
    if not prep.previous_id:
        return None
    readable = preps_readable_by(reader).filter(pk=prep.previous_id).values("pk")
    outcome = _outcomes_prefetched().filter(prep__in=readable).first()
    return None if outcome is None else _view(outcome)


@dataclass(frozen=True)
class CommitmentCounts:
    overdue: int
    due_soon: int  # due today or within DUE_SOON_DAYS


def commitment_counts(user) -> CommitmentCounts:
    """The user's open commitments overdue and due soon, in one query."""
    today = timezone.localdate()
    counts = (
        Commitment.objects.open()
        .filter(outcome__prep__owner=user, due__isnull=False)
        .aggregate(
            overdue=Count("pk", filter=Q(due__lt=today)),
            due_soon=Count(
                "pk", filter=Q(due__gte=today, due__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))
            ),
        )
    )
    return CommitmentCounts(overdue=counts["overdue"], due_soon=counts["due_soon"])


def commitment_state(commitment: Commitment) -> str:
    if commitment.done:
        return "done"
    if commitment.due and commitment.due < timezone.localdate():
        return "overdue"
    return "open"


COMMITMENT_STATE_LABELS = {"done": "Done", "open": "Open", "overdue": "Overdue"}


def commitment_state_label(commitment: Commitment) -> str:
    """The state as the notes (PDF and Word) and the series page print it."""
    return COMMITMENT_STATE_LABELS[commitment_state(commitment)]


def outcome_exports(preps: list[MeetingPrep]) -> dict[int, dict | None]:
    """Each prep's outcome as plain data (the account's export), by the prep's pk."""
    return {pk: _outcome_export(view) for pk, view in outcomes_for_preps(preps).items()}


def _outcome_export(view: OutcomeView) -> dict | None:
    if view.outcome is None:
        return None
    return {
        "attended": [row.display_name for row in view.attended],
        "decisions": [row.text for row in view.decisions],
        "commitments": [
            {"what": c.what, "owner": c.owner, "due": c.due.isoformat() if c.due else None, "done": c.done}
            for c in view.commitments
        ],
        "open_questions": [row.text for row in view.open_questions],
        "stance_changes": [
            {"person": c.stakeholder.name, "stance": c.stance, "influence": c.influence, "note": c.note}
            for c in view.stance_changes
        ],
    }


def outcome_notes(prep: MeetingPrep, *, reader) -> dict:
    """The preparation notes' "Outcome and follow-ups" (the read page, the notes PDF): the outcome and, for a
    later meeting of a work group, the meetings before it with their stances, those ``reader`` may open (no
    table when that is this one alone)."""
    series = series_view(prep, reader=reader) if prep.series_root_id else None
    if series and len(series.preps) < 2:
        series = None
    return {"outcome": outcome_for_prep(prep), "series": series, "stance_labels": STANCE_LABELS}


@dataclass(frozen=True)
class PersonOutcomes:
    """What the meetings' outcomes say about one person: their ratings and the note on why after each
    meeting (by roster entry), and the commitments they own, oldest meeting first."""

    after: dict[int, StanceChange]
    attended: dict[int, bool]
    commitments: list[Commitment]


def person_outcomes(entry_ids: list[int]) -> PersonOutcomes:
    """For one person's roster entries (on meetings the reader may open): three queries, however many."""
    changes = StanceChange.objects.filter(stakeholder_id__in=entry_ids)
    after = {change.stakeholder_id: change for change in changes}
    attendances = Attendance.objects.filter(stakeholder_id__in=entry_ids).values_list(
        "stakeholder_id", "attended"
    )
    attended = dict(attendances)
    commitments = list(
        Commitment.objects.filter(owner_person_id__in=entry_ids)
        .select_related("outcome__prep")
        .order_by("outcome__prep__meeting_date", "outcome__prep_id", "position", "pk")
    )
    return PersonOutcomes(after=after, attended=attended, commitments=commitments)
