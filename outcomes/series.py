"""Prepare the next meeting of a work group from this one's outcome (a write: the service layer)."""

import datetime

from django.db import transaction

from briefs.models import AGENDA_MAX_ITEMS, AGENDA_NOTE_MAX, BRIEF_TEXT_MAX, AgendaItem
from briefs.services import brief_start_from
from briefs.suggestions import FollowUp, LastOutcome, next_brief
from preps.models import ExpectedQuestion, MeetingPrep, Stakeholder
from preps.services import EXPECTED_MAX_QUESTIONS, expected_question_create, prep_duplicate

from .models import Commitment, Decision, MeetingOutcome, OpenQuestion, StanceChange

AGENDA_TITLE_MAX = AgendaItem._meta.get_field("title").max_length


def series_next_create(
    *, prep: MeetingPrep, meeting_date: datetime.date, meeting_title: str = ""
) -> MeetingPrep:
    """The next meeting of ``prep``'s series: a copy of its answers, roster, question 4 and brief
    (``prep_duplicate``), then the roster's ratings as the outcome left them, the open questions added to
    question 4, a brief built on the outcome (``briefs.suggestions.next_brief``: its purpose, desired outcome
    and agenda, each open commitment an item of its own), the new date and a link back.
    ``prep`` itself is never changed. One transaction: all of it or nothing."""
    outcome = MeetingOutcome.objects.filter(prep=prep).first()
    with transaction.atomic():
        copy = prep_duplicate(prep=prep)
        copy.meeting_title = meeting_title or prep.meeting_title
        copy.meeting_date = meeting_date
        copy.previous = prep
        copy.series_root_id = prep.series_root_id or prep.pk
        copy.full_clean()
        copy.save(update_fields=["meeting_title", "meeting_date", "previous", "series_root", "updated_at"])
        if outcome is not None:
            _ratings_carry(prep, copy, outcome)
            _open_questions_carry(copy, outcome)
        _brief_from_outcome(prep, copy, outcome)
    return copy


def _ratings_carry(prep: MeetingPrep, copy: MeetingPrep, outcome: MeetingOutcome) -> None:
    """Each copied person gets the stance and influence recorded after the meeting (the copy keeps the
    roster's order, so the n-th person of one is the n-th of the other)."""
    after = {change.stakeholder_id: change for change in StanceChange.objects.filter(outcome=outcome)}
    old = list(Stakeholder.objects.filter(prep=prep).order_by("position", "pk"))
    new = list(Stakeholder.objects.filter(prep=copy).order_by("position", "pk"))
    changed = []
    for before, person in zip(old, new, strict=True):
        change = after.get(before.pk)
        if change and (change.stance, change.influence) != (person.stance, person.influence):
            person.stance, person.influence = change.stance, change.influence
            changed.append(person)
    Stakeholder.objects.bulk_update(changed, ["stance", "influence"])


def _open_questions_carry(copy: MeetingPrep, outcome: MeetingOutcome) -> None:
    room = EXPECTED_MAX_QUESTIONS - ExpectedQuestion.objects.filter(prep=copy).count()
    for question in OpenQuestion.objects.filter(outcome=outcome).order_by("position", "pk")[: max(room, 0)]:
        expected_question_create(prep=copy, text=question.text)


def _brief_from_outcome(prep: MeetingPrep, copy: MeetingPrep, outcome: MeetingOutcome | None) -> None:
    """The copy's brief starts from the last outcome's suggestions, never from the last brief's purpose and
    agenda (its time, place, primer and FAQ choice carry over)."""
    last = LastOutcome(meeting_title=prep.meeting_title)
    if outcome is not None:
        commitments = Commitment.objects.open().filter(outcome=outcome).select_related("owner_person")
        last = LastOutcome(
            meeting_title=prep.meeting_title,
            decisions=tuple(
                d.text for d in Decision.objects.filter(outcome=outcome).order_by("position", "pk")
            ),
            follow_ups=tuple(
                FollowUp(c.what, c.owner, c.due) for c in commitments.order_by("position", "pk")
            ),
            open_questions=tuple(
                q.text for q in OpenQuestion.objects.filter(outcome=outcome).order_by("position", "pk")
            ),
        )
    suggestion = next_brief(
        last,
        title_max=AGENDA_TITLE_MAX,
        note_max=AGENDA_NOTE_MAX,
        text_max=BRIEF_TEXT_MAX,
        items_max=AGENDA_MAX_ITEMS,
    )
    brief_start_from(prep=copy, suggestion=suggestion)
