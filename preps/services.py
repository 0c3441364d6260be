"""Writes to meeting preps and answers: each validates and saves inside one transaction."""

import copy
import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, QuerySet, Subquery
from django.utils import timezone

from core.ids import parse_id
from core.saves import SaveResult
from core.text import printable_text, typed_text
from worksheets.models import FAQEntry, Question, Worksheet

from .models import (
    HISTORY_COALESCE,
    Answer,
    AnswerRevision,
    EngagementPlan,
    ExpectedQuestion,
    MeetingPrep,
    Person,
    Stakeholder,
    StakeholderRevision,
    WorkGroup,
    is_blank,
)
from .models.person import GROUP_MAX_PEOPLE, IDENTITY_FIELDS
from .models.roster import ROSTER_FIELDS_BY_QUESTION_KEY, ROSTER_MAX_PEOPLE, STAKEHOLDER_TEXT_MAX
from .revisions import expected_question_history_record, expected_questions_history_start
from .selectors import StoredAnswer, stored_answer
from .signals import prep_changed, prep_duplicated

# The roster fields that answer questions 2 and 3, and so count in the prep's progress.
PROGRESS_FIELDS = frozenset(field for fields in ROSTER_FIELDS_BY_QUESTION_KEY.values() for field in fields)


def versioned_update(*, rows: QuerySet, base_version: int, now, **values) -> int:
    """Write ``values`` to the row(s) of ``rows`` still at ``base_version``, raising the version by one; the
    number of rows written (0: the row moved on, or is gone - a conflict that changed nothing).

    The version check and the write are one conditional UPDATE, so two windows saving at once cannot both win:
    the second one's UPDATE matches no row. Every versioned row (answers, roster people) saves through here.
    """
    return rows.filter(version=base_version).update(**values, version=F("version") + 1, updated_at=now)


def answer_save(
    *,
    prep: MeetingPrep,
    question: Question,
    text: str,
    base_version: int,
    author=None,
    restored_from: AnswerRevision | None = None,
    stored: StoredAnswer | None = None,
) -> SaveResult:
    """Save ``text`` if the stored answer is still at ``base_version``; otherwise change nothing.

    The version check and the write are one conditional UPDATE, so two windows saving at once cannot both win:
    the second one's UPDATE matches no row and it is told about the newer text. ``stored`` is the answer as
    the caller read it (the autosave reads it with the prep, ``answer_target_for_writer``); without it, it is
    read here. ``restored_from`` marks a restore of an earlier revision.

    The history (``AnswerRevision``) is written only when a save starts a new revision: another person's, a
    restore, or one more than ``HISTORY_COALESCE`` after this person's revision began. A save that continues
    the author's open revision writes the answer and the prep's "last edited", nothing else: the open
    revision's text is the answer's own until the next revision closes it.
    """
    text = typed_text(text, label="This answer")
    author_id = getattr(author, "pk", None)
    if stored is None:
        stored = stored_answer(prep, question, author_id)
    if stored.version != base_version:
        return _answer_not_saved(prep, question, text)
    starts_revision = restored_from is not None or not stored.continues_revision
    now = timezone.now()
    with transaction.atomic():
        answer_id = stored.pk
        if answer_id is None:
            # The first save of this answer: its row starts at version 0 (made here rather than up front).
            answer_id = Answer.objects.get_or_create(prep=prep, question=question)[0].pk
        elif starts_revision:
            _revision_close(answer_id)
        updated = versioned_update(
            rows=Answer.objects.filter(pk=answer_id), base_version=base_version, now=now, text=text
        )
        if updated:
            _touch(prep, now)
            if starts_revision:
                AnswerRevision.objects.create(
                    answer_id=answer_id,
                    text=None,  # open: the answer's own text, until the next revision closes it
                    version=base_version + 1,
                    author_id=author_id,
                    started_at=now,
                    saved_at=now,
                    restored_from=restored_from,
                )
        else:
            transaction.set_rollback(True)  # another save won between the read and this write: undo the close
    if not updated:
        return _answer_not_saved(prep, question, text)
    # The UPDATE matched this row at base_version, so it now holds exactly this (no need to read it back).
    answer = Answer(
        pk=answer_id, prep=prep, question=question, text=text, version=base_version + 1, updated_at=now
    )
    return _answer_result(answer, saved=True)


def _answer_not_saved(prep: MeetingPrep, question: Question, text: str) -> SaveResult:
    """A save based on another version than the stored one, with the answer as it is now. Not a conflict if
    it already holds the text sent (a retry of a save whose reply was lost, or another window that typed the
    same): nothing would be lost. A version other than 0 for a question never answered is a conflict with the
    empty answer (no row is made for a refused save)."""
    answer = Answer.objects.filter(prep=prep, question=question).first()
    if answer is None:
        answer = Answer(prep=prep, question=question, text="", version=0)
    return _answer_result(answer, saved=answer.pk is not None and answer.text == text)


def _answer_result(answer: Answer, *, saved: bool) -> SaveResult:
    return SaveResult(
        saved=saved,
        version=answer.version,
        current={"text": answer.text},
        saved_at=answer.updated_at if saved else None,
        row=answer,
    )


def _revision_close(answer_id: int) -> None:
    """Close the answer's open revision, before a save replaces its text: the revision keeps the text, version
    and time of the answer's last save, so no one's words are lost when the next revision starts."""
    answer = Answer.objects.filter(pk=answer_id)
    AnswerRevision.objects.filter(answer_id=answer_id, text__isnull=True).update(
        text=Subquery(answer.values("text")),
        version=Subquery(answer.values("version")),
        saved_at=Subquery(answer.values("updated_at")),
    )


def answers_save(
    *, prep: MeetingPrep, changes: Iterable[tuple[Question, str, int]], author=None
) -> dict[Question, SaveResult]:
    """Save several answers (the no-JavaScript form): each ``(question, text, base version)`` on its own
    version check, so a conflict on one answer never stops the others from saving."""
    return {
        question: answer_save(
            prep=prep, question=question, text=text, base_version=base_version, author=author
        )
        for question, text, base_version in changes
    }


class RestoreRefused(Exception):
    """The revision is not one of this answer's."""


def answer_restore(*, prep: MeetingPrep, question: Question, revision_id: int, author) -> SaveResult:
    """Make an earlier revision's text the answer again. Restoring is a new save (and a new revision): nothing
    is overwritten, and the text replaced stays in the history. Refuses another answer's revision."""
    revision = (
        AnswerRevision.objects.filter(pk=revision_id, answer__prep=prep, answer__question=question)
        .select_related("answer__question")
        .first()
    )
    if revision is None:
        raise RestoreRefused
    answer = revision.answer
    return answer_save(
        prep=prep,
        question=answer.question,
        # Kept before the text rule (core.text), a revision may hold what it now refuses: left out.
        text=printable_text(answer.text if revision.is_open else revision.text),
        base_version=answer.version,
        author=author,
        restored_from=revision,
    )


PREP_DETAILS = ("meeting_title", "meeting_date", "program_name", "jurisdiction")


def prep_create(
    *, owner, worksheet: Worksheet, work_group: WorkGroup | None = None, time_zone: str = "", **details
) -> MeetingPrep:
    """A meeting prep of ``work_group`` (one of the owner's), or of a new group of one named after the
    meeting, in ``time_zone`` or the owner's (``work_group_time_zone_default``)."""
    with transaction.atomic():
        if work_group is None:
            work_group = work_group_create(
                owner=owner,
                name=details.get("meeting_title", ""),
                program_name=details.get("program_name", ""),
                jurisdiction=details.get("jurisdiction", ""),
                time_zone=time_zone or work_group_time_zone_default(owner),
            )
        elif work_group.owner_id != owner.pk:
            raise ValidationError(
                "A meeting prep goes only into one of your own work groups.", code="work_group"
            )
        prep = MeetingPrep(owner=owner, worksheet=worksheet, work_group=work_group, **details)
        prep.full_clean()
        prep.save()
    return prep


def prep_update(*, prep: MeetingPrep, **details) -> MeetingPrep:
    """Change the meeting's details (title, date, program, jurisdiction)."""
    unknown = set(details) - set(PREP_DETAILS)
    if unknown:
        raise TypeError(f"not a meeting detail: {', '.join(sorted(unknown))}")
    for name, value in details.items():
        setattr(prep, name, value)
    prep.full_clean()
    with transaction.atomic():
        prep.save(update_fields=[*details, "updated_at"])
    return prep


def prep_delete(*, prep: MeetingPrep) -> None:
    """The prep and its answers (CASCADE)."""
    with transaction.atomic():
        prep.delete()


def prep_duplicate(*, prep: MeetingPrep) -> MeetingPrep:
    """A copy of the prep, its answers, roster and brief, for the next meeting of its work group; the copy's
    title says so."""
    with transaction.atomic():
        copy = MeetingPrep.objects.create(
            owner=prep.owner,
            worksheet=prep.worksheet,
            work_group_id=prep.work_group_id,  # a meeting of the same work group
            meeting_title=f"{prep.meeting_title} (copy)"[
                : MeetingPrep._meta.get_field("meeting_title").max_length
            ],
            meeting_date=prep.meeting_date,
            program_name=prep.program_name,
            jurisdiction=prep.jurisdiction,
        )
        answers = Answer.objects.bulk_create(
            Answer(prep=copy, question_id=answer.question_id, text=answer.text, version=1)
            for answer in prep.answers.all()
        )
        # The copy's history starts with the text it was copied with, by the owner.
        now = timezone.now()
        AnswerRevision.objects.bulk_create(
            AnswerRevision(
                answer=answer,
                text=answer.text,
                version=1,
                author_id=copy.owner_id,
                started_at=now,
                saved_at=now,
            )
            for answer in answers
            if answer.text
        )
        _roster_duplicate(source=prep, copy=copy)
        prep_duplicated.send(sender=MeetingPrep, source=prep, copy=copy)
    return copy


# The roster (question 1's people, carried through questions 2 to 4). Every write checks the person belongs to
# the prep it is given (the view got that prep from ``prep_for_owner``), so another prep's person is refused.

STAKEHOLDER_TEXT_FIELDS = ("name", "role", "organisation", "expertise", "what_matters", "concerns")
STAKEHOLDER_CHOICE_FIELDS = ("kind", "invite", "influence", "stance")
STAKEHOLDER_FIELDS = STAKEHOLDER_TEXT_FIELDS + STAKEHOLDER_CHOICE_FIELDS
# What was prepared about a person for one meeting (the rest of a roster entry is who they are).
STAKEHOLDER_NOTE_FIELDS = tuple(f for f in STAKEHOLDER_FIELDS if f not in IDENTITY_FIELDS and f != "invite")


class RosterFull(ValidationError):
    """The prep already holds ``ROSTER_MAX_PEOPLE`` people."""


def _stakeholder_clean(field: str, value: str) -> str:
    """``value`` for ``field`` as it will be stored, or ValidationError (unknown field, a rating outside the
    list, oversized text, a blank name)."""
    if field not in STAKEHOLDER_FIELDS:
        raise ValidationError(f"Not a field of a person on the roster: {field}.", code="unknown_field")
    if not isinstance(value, str):
        raise ValidationError(f"{field} must be text.", code="invalid")
    model_field = Stakeholder._meta.get_field(field)
    if field in STAKEHOLDER_CHOICE_FIELDS:
        allowed = [choice for choice, _label in model_field.choices]
        if value not in allowed:
            raise ValidationError(
                f"{model_field.verbose_name.capitalize()} must be one of: "
                f"{', '.join(repr(c) for c in allowed)}.",
                code="invalid_choice",
            )
        return value
    limit = model_field.max_length or STAKEHOLDER_TEXT_MAX
    if len(value) > limit:
        raise ValidationError(
            f"{model_field.verbose_name.capitalize()} is too long: at most {limit} characters.",
            code="max_length",
        )
    value = typed_text(value, label=model_field.verbose_name.capitalize())
    if field == "name" and is_blank(value):
        raise ValidationError("A person on the roster needs a name.", code="required")
    return value.strip() if field == "name" else value


def _touch(prep: MeetingPrep, now) -> None:
    MeetingPrep.objects.filter(pk=prep.pk).update(updated_at=now)
    prep_changed.send(sender=MeetingPrep, prep_id=prep.pk)  # documents/prerender.py


def stakeholder_create(*, prep: MeetingPrep, name: str, **fields: str) -> Stakeholder:
    """Add someone new at the end of the prep's roster: a new person of its work group too.

    ValidationError for bad input, RosterFull past the cap."""
    cleaned = {field: _stakeholder_clean(field, value) for field, value in {"name": name, **fields}.items()}
    identity = {person_field: cleaned.get(field, "") for field, person_field in IDENTITY_FIELDS.items()}
    identity["kind"] = identity["kind"] or Stakeholder.Kind.OTHER
    with transaction.atomic():
        person = Person(work_group_id=prep.work_group_id, **identity)
        person.full_clean(exclude=["work_group"])
        person.save()
        return _roster_entry_add(prep=prep, person=person, fields=cleaned)


def stakeholder_create_from_person(*, prep: MeetingPrep, person_id: int, **fields: str) -> Stakeholder:
    """Invite one of the work group's people to this meeting: a roster entry at the end, with their name,
    title, agency and kind, and the notes of their latest meeting in the group (so the next meeting starts
    from the latest). Person.DoesNotExist for someone not of this group; ValidationError if they are on this
    roster already; RosterFull past the cap."""
    cleaned = {field: _stakeholder_clean(field, value) for field, value in fields.items()}
    with transaction.atomic():
        person = Person.objects.select_for_update().get(work_group_id=prep.work_group_id, pk=person_id)
        if Stakeholder.objects.filter(prep=prep, person=person).exists():
            raise ValidationError(f"{person.name} is on this roster already.", code="on_roster")
        latest = (
            Stakeholder.objects.filter(person=person)
            .order_by(F("prep__meeting_date").desc(nulls_last=True), "-prep_id")
            .first()
        )
        notes = {f: getattr(latest, f) for f in STAKEHOLDER_NOTE_FIELDS} if latest is not None else {}
        return _roster_entry_add(prep=prep, person=person, fields=notes | cleaned)


def _roster_entry_add(*, prep: MeetingPrep, person: Person, fields: dict[str, str]) -> Stakeholder:
    """The roster entry of ``person`` at the end of the prep's roster (its identity is the person's)."""
    now = timezone.now()
    identity = {field: getattr(person, person_field) for field, person_field in IDENTITY_FIELDS.items()}
    # Lock the prep's row so two adds at once cannot take the same position or pass the cap together.
    MeetingPrep.objects.select_for_update().filter(pk=prep.pk).first()
    people = Stakeholder.objects.filter(prep=prep)
    if people.count() >= ROSTER_MAX_PEOPLE:
        raise RosterFull(f"A roster holds at most {ROSTER_MAX_PEOPLE} people.", code="roster_full")
    last = people.aggregate(last=Max("position"))["last"]
    entry = Stakeholder(
        prep=prep, person=person, position=0 if last is None else last + 1, **(fields | identity)
    )
    entry.save()
    _touch(prep, now)
    return entry


def _identity_sync(*, person_id: int, values: dict[str, str], except_entry: int | None, now) -> None:
    """Who a person is, entered once: a changed name, title, agency or kind goes to the person and to every
    roster entry of theirs. The person's version moves on (a person page open elsewhere is told); the other
    entries' versions do not (their notes did not change)."""
    person_values = {
        IDENTITY_FIELDS[field]: value for field, value in values.items() if field in IDENTITY_FIELDS
    }
    if not person_values:
        return
    Person.objects.filter(pk=person_id).update(**person_values, version=F("version") + 1, updated_at=now)
    entry_values = {field: value for field, value in values.items() if field in IDENTITY_FIELDS}
    Stakeholder.objects.filter(person_id=person_id).exclude(pk=except_entry).update(**entry_values)


def stakeholder_update(
    *,
    prep: MeetingPrep,
    stakeholder_id: int,
    base_version: int,
    changes: dict[str, str],
    author=None,
    restored_from: StakeholderRevision | None = None,
) -> SaveResult:
    """Save several fields of one person (the no-JavaScript form) in one versioned update: all of them if the
    row is still at ``base_version``, none otherwise; on a conflict ``stakeholder`` is the row as it is now.
    Stakeholder.DoesNotExist if the person is not on this prep's roster, ValidationError for a bad field or
    value; no changes is a no-op that still checks the person is on this roster."""
    values = {field: _stakeholder_clean(field, text) for field, text in changes.items()}
    now = timezone.now()
    with transaction.atomic():
        rows = Stakeholder.objects.filter(prep=prep, pk=stakeholder_id)
        before = rows.get() if values else None
        updated = versioned_update(rows=rows, base_version=base_version, now=now, **values) if values else 0
        if updated:
            _touch(prep, now)
            _stakeholder_history_record(
                before=before, values=values, author=author, now=now, restored_from=restored_from
            )
            _identity_sync(person_id=before.person_id, values=values, except_entry=before.pk, now=now)
    if not updated:
        person = rows.get()
        current = {name: getattr(person, name) for name in changes}
        return SaveResult(saved=not values, version=person.version, current=current, row=person)
    # The UPDATE matched the row at base_version, so it now holds exactly this (no need to read it back).
    person = copy.copy(before)
    for name, value in values.items():
        setattr(person, name, value)
    person.version, person.updated_at = base_version + 1, now
    return SaveResult(
        saved=True,
        version=person.version,
        current=values,
        saved_at=now,
        row=person,
        # A field of questions 2 and 3 went between blank and words: the prep's progress may have changed.
        progress_changed=any(
            is_blank(getattr(before, name)) != is_blank(value)
            for name, value in values.items()
            if name in PROGRESS_FIELDS
        ),
    )


def _stakeholder_history_record(
    *, before: Stakeholder, values: dict[str, str], author, now, restored_from=None
) -> None:
    """Keep each changed roster field in the person's history: one person's saves of a field within
    ``HISTORY_COALESCE`` of the revision's first update it (a restore is always a revision of its own). A
    field's first change also keeps the value it replaced."""
    author_id = getattr(author, "pk", None)
    for name, value in values.items():
        old = getattr(before, name)
        if value == old:
            continue
        latest = (
            StakeholderRevision.objects.filter(stakeholder=before, field=name)
            .order_by("-saved_at", "-pk")
            .first()
        )
        if latest is None and old:
            StakeholderRevision.objects.create(
                stakeholder=before,
                field=name,
                value=old,
                author=None,
                started_at=before.updated_at,
                saved_at=before.updated_at,
            )
        elif (
            latest is not None
            and restored_from is None
            and latest.restored_from_id is None
            and latest.author_id == author_id
            and now - latest.started_at < HISTORY_COALESCE
        ):
            StakeholderRevision.objects.filter(pk=latest.pk).update(value=value, saved_at=now)
            continue
        StakeholderRevision.objects.create(
            stakeholder=before,
            field=name,
            value=value,
            author_id=author_id,
            started_at=now,
            saved_at=now,
            restored_from=restored_from,
        )


@dataclass(frozen=True)
class RemovedStakeholder:
    """A person taken off the roster, as undoing it needs them: their row (fields, place, version) and the
    expected questions they were named under. Plain data, kept for the undo as a ``RosterRemoval`` row."""

    pk: int
    position: int
    version: int
    fields: dict[str, str]
    asked_question_ids: tuple[int, ...] = ()
    person_id: int | None = None  # the work group's person; None in a removal kept before people existed

    @property
    def name(self) -> str:
        return self.fields["name"]

    def as_data(self) -> dict:
        return {
            "pk": self.pk,
            "position": self.position,
            "version": self.version,
            "fields": dict(self.fields),
            "asked_question_ids": list(self.asked_question_ids),
            "person_id": self.person_id,
        }

    @classmethod
    def from_data(cls, data: dict) -> "RemovedStakeholder":
        return cls(
            pk=int(data["pk"]),
            position=int(data["position"]),
            version=int(data["version"]),
            fields={field: str(data["fields"].get(field, "")) for field in STAKEHOLDER_FIELDS},
            asked_question_ids=tuple(int(pk) for pk in data.get("asked_question_ids", ())),
            person_id=int(data["person_id"]) if data.get("person_id") is not None else None,
        )


def stakeholder_delete(*, prep: MeetingPrep, stakeholder_id: int) -> RemovedStakeholder:
    """Remove a person from the roster (and from the askers of any expected question); what was removed is
    given back so a page can offer to undo (``stakeholder_restore``). Stakeholder.DoesNotExist if not on this
    roster."""
    now = timezone.now()
    with transaction.atomic():
        person = Stakeholder.objects.select_for_update().get(prep=prep, pk=stakeholder_id)
        asked = tuple(
            ExpectedQuestion.askers.through.objects.filter(stakeholder_id=person.pk).values_list(
                "expectedquestion_id", flat=True
            )
        )
        removed = RemovedStakeholder(
            pk=person.pk,
            position=person.position,
            version=person.version,
            fields={field: getattr(person, field) for field in STAKEHOLDER_FIELDS},
            asked_question_ids=asked,
            person_id=person.person_id,
        )
        person.delete()
        _touch(prep, now)
    return removed


def stakeholder_restore(*, prep: MeetingPrep, removed: RemovedStakeholder) -> Stakeholder:
    """Put a removed person back where they were, with every field, and back under the expected questions
    (still on this prep) they were named under. The row comes back one version on, so a window that still
    shows it as it was must reload before its saves count. Their old id if it is free (a link to them keeps
    working), a new one otherwise. RosterFull past the cap."""
    now = timezone.now()
    with transaction.atomic():
        MeetingPrep.objects.select_for_update().filter(pk=prep.pk).first()
        people = Stakeholder.objects.filter(prep=prep)
        if people.count() >= ROSTER_MAX_PEOPLE:
            raise RosterFull(f"A roster holds at most {ROSTER_MAX_PEOPLE} people.", code="roster_full")
        people.filter(position__gte=removed.position).update(position=F("position") + 1)
        cleaned = {field: _stakeholder_clean(field, value) for field, value in removed.fields.items()}
        id_is_free = not Stakeholder.objects.filter(pk=removed.pk).exists()
        who = Person.objects.filter(work_group_id=prep.work_group_id, pk=removed.person_id).first()
        if who is None:  # removed from the directory meanwhile: back as a person of their own
            identity = {IDENTITY_FIELDS[f]: v for f, v in cleaned.items() if f in IDENTITY_FIELDS}
            who = Person.objects.create(work_group_id=prep.work_group_id, **identity)
        elif people.filter(person=who).exists():
            raise ValidationError(f"{who.name} is on this roster again already.", code="on_roster")
        cleaned |= {field: getattr(who, person_field) for field, person_field in IDENTITY_FIELDS.items()}
        person = Stakeholder(
            pk=removed.pk if id_is_free else None,
            person=who,
            prep=prep,
            position=removed.position,
            version=removed.version + 1,
            **cleaned,
        )
        person.save(force_insert=True)
        questions = ExpectedQuestion.objects.filter(prep=prep, pk__in=removed.asked_question_ids)
        ExpectedQuestion.askers.through.objects.bulk_create(
            ExpectedQuestion.askers.through(expectedquestion_id=pk, stakeholder_id=person.pk)
            for pk in questions.values_list("pk", flat=True)
        )
        _touch(prep, now)
    return person


def stakeholder_move(*, prep: MeetingPrep, stakeholder_id: int, to_position: int) -> list[Stakeholder]:
    """Move a person to ``to_position`` (0-based; clamped to the roster) and renumber the roster 0..n-1; the
    roster in its new order. Stakeholder.DoesNotExist if the person is not on this roster."""
    now = timezone.now()
    with transaction.atomic():
        MeetingPrep.objects.select_for_update().filter(pk=prep.pk).first()
        people = list(Stakeholder.objects.filter(prep=prep).order_by("position", "pk"))
        moving = next((p for p in people if p.pk == stakeholder_id), None)
        if moving is None:
            raise Stakeholder.DoesNotExist(f"No person {stakeholder_id} on this roster.")
        people.remove(moving)
        people.insert(max(0, min(int(to_position), len(people))), moving)
        changed = []
        for position, person in enumerate(people):
            if person.position != position:
                person.position = position
                person.updated_at = now
                changed.append(person)
        # Position is not a versioned field: moving a row never makes another window's text edit conflict.
        Stakeholder.objects.bulk_update(changed, ["position", "updated_at"])
        if changed:
            _touch(prep, now)
    return people


def stakeholder_move_by(*, prep: MeetingPrep, stakeholder_id: int, offset: int) -> list[Stakeholder]:
    """Move a person ``offset`` places (-1: up one, 1: down one; clamped to the roster): the page's Move up
    and Move down. The roster in its new order; Stakeholder.DoesNotExist if the person is not on it."""
    with transaction.atomic():
        MeetingPrep.objects.select_for_update().filter(pk=prep.pk).first()
        order = list(
            Stakeholder.objects.filter(prep=prep).order_by("position", "pk").values_list("pk", flat=True)
        )
        if stakeholder_id not in order:
            raise Stakeholder.DoesNotExist(f"No person {stakeholder_id} on this roster.")
        return stakeholder_move(
            prep=prep, stakeholder_id=stakeholder_id, to_position=order.index(stakeholder_id) + offset
        )


def _roster_duplicate(*, source: MeetingPrep, copy: MeetingPrep) -> None:
    """Copy the roster and question 4's list (with their askers and linked FAQ entries) onto ``copy``."""
    people = list(source.stakeholders.order_by("position", "pk"))
    copies = Stakeholder.objects.bulk_create(
        Stakeholder(
            prep=copy,
            person_id=p.person_id,  # the same person, invited again
            version=1,
            **{f: getattr(p, f) for f in ("position", *STAKEHOLDER_FIELDS)},
        )
        for p in people
    )
    new_id = {old.pk: new.pk for old, new in zip(people, copies, strict=True)}
    questions = list(
        source.expected_questions.order_by("position", "pk").prefetch_related("askers", "faq_entries")
    )
    question_copies = ExpectedQuestion.objects.bulk_create(
        ExpectedQuestion(prep=copy, position=q.position, text=q.text, answer=q.answer, version=1)
        for q in questions
    )
    Askers = ExpectedQuestion.askers.through
    Links = ExpectedQuestion.faq_entries.through
    Askers.objects.bulk_create(
        Askers(expectedquestion_id=new.pk, stakeholder_id=new_id[asker.pk])
        for old, new in zip(questions, question_copies, strict=True)
        for asker in old.askers.all()
    )
    Links.objects.bulk_create(
        Links(expectedquestion_id=new.pk, faqentry_id=entry.pk)
        for old, new in zip(questions, question_copies, strict=True)
        for entry in old.faq_entries.all()
    )
    copied = ExpectedQuestion.objects.filter(prep=copy).prefetch_related("askers", "faq_entries")
    expected_questions_history_start(list(copied), author_id=copy.owner_id)


# Question 4: the questions the director expects. Every write checks the question belongs to the prep it is
# given (from ``prep_for_owner``), that each asker is on that prep's roster and each FAQ entry is published
# in its worksheet, and validates all of it before writing anything: bad input changes nothing.

EXPECTED_MAX_QUESTIONS = 100
EXPECTED_TEXT_FIELDS = ("text", "answer")
EXPECTED_LIST_FIELDS = ("askers", "faq_entries")


class ExpectedListFull(ValidationError):
    """The prep already holds ``EXPECTED_MAX_QUESTIONS`` expected questions."""


def _expected_text_clean(field: str, value: str) -> str:
    label = {"text": "The question", "answer": "Your answer"}[field]
    if not isinstance(value, str):
        raise ValidationError(f"{label} must be text.", code="invalid")
    if len(value) > STAKEHOLDER_TEXT_MAX:
        raise ValidationError(
            f"{label} is too long: at most {STAKEHOLDER_TEXT_MAX} characters.", code="max_length"
        )
    value = typed_text(value, label=label)
    if field == "text" and is_blank(value):
        raise ValidationError("Write the question you expect.", code="required")
    return value


def _expected_ids_clean(prep: MeetingPrep, field: str, ids: Iterable[int]) -> list[int]:
    """``ids`` as a list without repeats, or ValidationError if one is not this prep's person (``askers``)
    or not a published FAQ entry of its worksheet (``faq_entries``)."""
    wanted = list(dict.fromkeys(parse_id(pk) for pk in ids))
    if None in wanted:
        raise ValidationError("An id must be a whole number.", code="invalid")
    if not wanted:
        return []
    if field == "askers":
        known = Stakeholder.objects.filter(prep=prep, pk__in=wanted)
        message = "Who may ask must be people on this meeting's roster."
    else:
        known = FAQEntry.objects.filter(worksheet_id=prep.worksheet_id, is_published=True, pk__in=wanted)
        message = "That FAQ entry is not in this worksheet's FAQ."
    if set(known.values_list("pk", flat=True)) != set(wanted):
        raise ValidationError(message, code="unknown_id")
    return wanted


def _expected_changes_clean(prep: MeetingPrep, changes: dict) -> tuple[dict[str, str], dict[str, list[int]]]:
    unknown = set(changes) - set(EXPECTED_TEXT_FIELDS) - set(EXPECTED_LIST_FIELDS)
    if unknown:
        raise ValidationError(
            f"Not a field of an expected question: {', '.join(sorted(unknown))}.", code="unknown_field"
        )
    texts = {f: _expected_text_clean(f, v) for f, v in changes.items() if f in EXPECTED_TEXT_FIELDS}
    lists = {f: _expected_ids_clean(prep, f, v) for f, v in changes.items() if f in EXPECTED_LIST_FIELDS}
    return texts, lists


def _expected_lists_set(question: ExpectedQuestion, lists: dict[str, list[int]]) -> None:
    for field, ids in lists.items():
        getattr(question, field).set(ids)


def expected_question_create(
    *,
    prep: MeetingPrep,
    text: str,
    answer: str = "",
    askers: Iterable[int] = (),
    faq_entries: Iterable[int] = (),
    position: int | None = None,
    author=None,
) -> ExpectedQuestion:
    """Add a question at the end of question 4's list, or at ``position`` (0-based: an undone removal goes
    back where it was). ValidationError for bad input, ExpectedListFull past the cap."""
    texts, lists = _expected_changes_clean(
        prep, {"text": text, "answer": answer, "askers": askers, "faq_entries": faq_entries}
    )
    now = timezone.now()
    with transaction.atomic():
        # Lock the prep's row so two adds at once cannot take the same position or pass the cap together.
        MeetingPrep.objects.select_for_update().filter(pk=prep.pk).first()
        questions = ExpectedQuestion.objects.filter(prep=prep)
        count = questions.count()
        if count >= EXPECTED_MAX_QUESTIONS:
            raise ExpectedListFull(
                f"Question 4 holds at most {EXPECTED_MAX_QUESTIONS} expected questions.", code="list_full"
            )
        at = count if position is None else max(0, min(int(position), count))
        questions.filter(position__gte=at).update(position=F("position") + 1)
        question = ExpectedQuestion.objects.create(prep=prep, position=at, **texts)
        _expected_lists_set(question, lists)
        expected_question_history_record(question, author=author)
        _touch(prep, now)
    return question


def expected_question_save(
    *,
    prep: MeetingPrep,
    expected_question_id: int,
    base_version: int,
    changes: dict,
    author=None,
    restored_from=None,
) -> SaveResult:
    """Save the changed fields of one expected question (``text``, ``answer``: text; ``askers``,
    ``faq_entries``: the whole list of ids) in one versioned update: all of them if the row is still at
    ``base_version``, none otherwise. ExpectedQuestion.DoesNotExist if not on this prep, ValidationError for
    bad input (another prep's person, an unknown FAQ entry, oversized text)."""
    texts, lists = _expected_changes_clean(prep, changes)
    now = timezone.now()
    with transaction.atomic():
        rows = ExpectedQuestion.objects.filter(prep=prep, pk=expected_question_id)
        fields = texts | {"updated_by": author}
        updated = versioned_update(rows=rows, base_version=base_version, now=now, **fields) if changes else 0
        question = rows.get()
        if updated:
            _expected_lists_set(question, lists)
            _touch(prep, now)
        question = rows.prefetch_related("askers", "faq_entries").select_related("updated_by").get()
        if updated:
            expected_question_history_record(question, author=author, restored_from=restored_from)
    # The row as stored now, askers and FAQ entries prefetched; ``current``: all its fields.
    return SaveResult(
        saved=bool(updated) or not changes,
        version=question.version,
        current=expected_question_fields(question),
        saved_at=question.updated_at,
        editor=question.updated_by,
        row=question,
    )


def expected_question_fields(question: ExpectedQuestion) -> dict:
    """An expected question's fields as its row on the page holds them (lists of ids for the ticks)."""
    return {
        "text": question.text,
        "answer": question.answer,
        "askers": [person.pk for person in question.askers.all()],
        "faq_entries": [entry.pk for entry in question.faq_entries.all()],
    }


@dataclass(frozen=True)
class RemovedExpectedQuestion:
    """What a removed question held: enough for the page to put it back (undo)."""

    text: str
    answer: str
    position: int
    askers: list[int]
    faq_entries: list[int]


def expected_question_delete(*, prep: MeetingPrep, expected_question_id: int) -> RemovedExpectedQuestion:
    """Remove a question from question 4's list and close the gap. ExpectedQuestion.DoesNotExist if it is
    not on this prep."""
    now = timezone.now()
    with transaction.atomic():
        question = ExpectedQuestion.objects.select_for_update().get(prep=prep, pk=expected_question_id)
        removed = RemovedExpectedQuestion(
            text=question.text,
            answer=question.answer,
            position=question.position,
            askers=list(question.askers.values_list("pk", flat=True)),
            faq_entries=list(question.faq_entries.values_list("pk", flat=True)),
        )
        question.delete()
        ExpectedQuestion.objects.filter(prep=prep, position__gt=removed.position).update(
            position=F("position") - 1
        )
        _touch(prep, now)
    return removed


def expected_question_move(
    *, prep: MeetingPrep, expected_question_id: int, by: int
) -> list[ExpectedQuestion]:
    """Move a question ``by`` places (-1 up, +1 down; clamped to the list) and renumber the list 0..n-1;
    the list in its new order. Position is not versioned: a move never makes a text edit conflict."""
    now = timezone.now()
    with transaction.atomic():
        MeetingPrep.objects.select_for_update().filter(pk=prep.pk).first()
        questions = list(ExpectedQuestion.objects.filter(prep=prep).order_by("position", "pk"))
        moving = next((q for q in questions if q.pk == expected_question_id), None)
        if moving is None:
            raise ExpectedQuestion.DoesNotExist(f"No expected question {expected_question_id} on this prep.")
        at = questions.index(moving)
        questions.remove(moving)
        questions.insert(max(0, min(at + by, len(questions))), moving)
        changed = [q for position, q in enumerate(questions) if q.position != position]
        for q in changed:
            q.position = questions.index(q)
        ExpectedQuestion.objects.bulk_update(changed, ["position"])
        if changed:
            _touch(prep, now)
    return questions


# Work groups: a director's meetings with one group of stakeholders (``models.workgroup``).

WORK_GROUP_DETAILS = ("name", "program_name", "jurisdiction", "time_zone")


def work_group_time_zone_default(owner) -> str:
    """A new group's time zone until she confirms one: the owner's chosen zone, else the deployment's."""
    from accounts.selectors import time_zone_of  # noqa: PLC0415 - accounts' selectors read its models

    return time_zone_of(owner) or settings.TIME_ZONE


def work_group_create(*, owner, name: str, time_zone: str, program_name: str = "", jurisdiction: str = ""):
    group = WorkGroup(
        owner=owner, name=name, program_name=program_name, jurisdiction=jurisdiction, time_zone=time_zone
    )
    group.full_clean()
    group.save()
    return group


def work_group_update(*, group: WorkGroup, **details) -> WorkGroup:
    """Change the group's name, program, city or time zone (``WORK_GROUP_DETAILS``)."""
    unknown = set(details) - set(WORK_GROUP_DETAILS)
    if unknown:
        raise TypeError(f"not a work group detail: {', '.join(sorted(unknown))}")
    for name, value in details.items():
        setattr(group, name, value)
    group.full_clean()
    group.save(update_fields=[*details, "updated_at"])
    return group


# A work group's people (``models.person``): each entered once, invited to as many of its meetings as needed.

PERSON_FIELDS = ("name", "title", "agency", "kind", "email", "phone")
PLAN_FIELDS = ("approach", "next_step", "owner", "due", "done")
TRUE_WORDS, FALSE_WORDS = {"on", "yes", "true", "1"}, {"", "off", "no", "false", "0"}


def _person_values_clean(person: Person, changes: dict[str, str]) -> dict[str, str]:
    """The changed fields as they will be stored, or ValidationError (an unknown field, a bad e-mail, a kind
    outside the list, oversized text, a blank name): the model's own validation, field by field."""
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError(f"Not a field of a person: {', '.join(sorted(unknown))}.", code="unknown_field")
    candidate = copy.copy(person)
    for name, value in changes.items():
        if not isinstance(value, str):
            raise ValidationError(f"{name} must be text.", code="invalid")
        setattr(candidate, name, value.strip() if name in ("name", "email", "phone") else value)
    try:
        candidate.full_clean(exclude=[f.name for f in Person._meta.fields if f.name not in changes])
    except ValidationError as error:
        said = [
            f"{Person._meta.get_field(name).verbose_name.capitalize()}: {message}"
            for name, messages in error.message_dict.items()
            for message in messages
        ]
        raise ValidationError(" ".join(said), code="invalid") from None
    return {name: getattr(candidate, name) for name in changes}


def person_create(*, work_group: WorkGroup, name: str, author=None, **fields: str) -> Person:
    """A new person in the group's directory. ValidationError for bad input or past ``GROUP_MAX_PEOPLE``."""
    person = Person(work_group=work_group, updated_by=author)
    values = _person_values_clean(person, {"name": name, **fields})
    for field, value in values.items():
        setattr(person, field, value)
    with transaction.atomic():
        WorkGroup.objects.select_for_update().filter(pk=work_group.pk).first()
        if Person.objects.filter(work_group=work_group).count() >= GROUP_MAX_PEOPLE:
            raise ValidationError(f"A work group holds at most {GROUP_MAX_PEOPLE} people.", code="full")
        person.save()
    return person


def person_update(*, person: Person, base_version: int, changes: dict[str, str], author=None) -> SaveResult:
    """Save a person's changed fields on ``base_version`` (``versioned_update``: all or none); a new name,
    title, agency or kind goes to every roster entry of theirs too, so it is entered once."""
    values = _person_values_clean(person, changes)
    now = timezone.now()
    rows = Person.objects.filter(pk=person.pk)
    with transaction.atomic():
        updated = (
            versioned_update(rows=rows, base_version=base_version, now=now, updated_by=author, **values)
            if values
            else 0
        )
        if updated:
            entry_values = {f: values[pf] for f, pf in IDENTITY_FIELDS.items() if pf in values}
            entries = Stakeholder.objects.filter(person=person)
            if entry_values:
                entries.update(**entry_values)
                for prep_id in entries.values_list("prep_id", flat=True).distinct():
                    prep_changed.send(sender=MeetingPrep, prep_id=prep_id)  # documents/prerender.py
    stored = rows.select_related("updated_by").get()
    return SaveResult(
        saved=bool(updated) or not values,
        version=stored.version,
        current={name: getattr(stored, name) for name in changes},
        saved_at=stored.updated_at if updated else None,
        editor=None if updated else stored.updated_by,
        row=stored,
    )


def engagement_plan_ensure(*, person: Person) -> EngagementPlan:
    """The person's engagement plan, made empty the first time."""
    plan, _created = EngagementPlan.objects.get_or_create(person=person)
    return plan


def _plan_values_clean(changes: dict[str, str], team_ids: set[int]) -> dict:
    unknown = set(changes) - set(PLAN_FIELDS)
    if unknown:
        raise ValidationError(f"Not a field of the plan: {', '.join(sorted(unknown))}.", code="unknown_field")
    values: dict = {}
    for name, value in changes.items():
        if not isinstance(value, str):
            raise ValidationError(f"{name} must be text.", code="invalid")
        if name == "owner":
            owner_id = parse_id(value) if value.strip() else None
            if value.strip() and owner_id not in team_ids:
                raise ValidationError(
                    "Who owns the next step must be someone on the team.", code="unknown_id"
                )
            values["owner_id"] = owner_id
        elif name == "due":
            try:
                values["due"] = datetime.date.fromisoformat(value.strip()) if value.strip() else None
            except ValueError:
                raise ValidationError("By when must be a date (YYYY-MM-DD).", code="invalid") from None
        elif name == "done":
            if value.lower() not in TRUE_WORDS | FALSE_WORDS:
                raise ValidationError("Done must be ticked or not.", code="invalid")
            values["done"] = value.lower() in TRUE_WORDS
        else:
            label = EngagementPlan._meta.get_field(name).verbose_name.capitalize()
            if len(value) > STAKEHOLDER_TEXT_MAX:
                raise ValidationError(
                    f"{label} is too long: at most {STAKEHOLDER_TEXT_MAX} characters.", code="max_length"
                )
            values[name] = typed_text(value, label=label)
    return values


def engagement_plan_save(
    *, person: Person, base_version: int, changes: dict[str, str], team_ids: set[int], author=None
) -> SaveResult:
    """Save the plan's changed fields on ``base_version`` (all or none). ``owner`` must be one of
    ``team_ids`` (the group's team); ValidationError for bad input."""
    values = _plan_values_clean(changes, team_ids)
    now = timezone.now()
    plan = engagement_plan_ensure(person=person)
    rows = EngagementPlan.objects.filter(pk=plan.pk)
    with transaction.atomic():
        updated = (
            versioned_update(rows=rows, base_version=base_version, now=now, updated_by=author, **values)
            if values
            else 0
        )
        if updated:  # the plan is in the notes of every meeting the person is on
            for prep_id in Stakeholder.objects.filter(person=person).values_list("prep_id", flat=True):
                prep_changed.send(sender=MeetingPrep, prep_id=prep_id)  # documents/prerender.py
    stored = rows.select_related("updated_by").get()
    return SaveResult(
        saved=bool(updated) or not values,
        version=stored.version,
        current={name: plan_field_text(stored, name) for name in changes},
        saved_at=stored.updated_at if updated else None,
        editor=None if updated else stored.updated_by,
        row=stored,
    )


def plan_field_text(plan: EngagementPlan, name: str) -> str:
    """A plan field as the page's field holds it (a conflict's stored values)."""
    if name == "owner":
        return str(plan.owner_id or "")
    if name == "due":
        return plan.due.isoformat() if plan.due else ""
    if name == "done":
        return "yes" if plan.done else ""
    return getattr(plan, name)
