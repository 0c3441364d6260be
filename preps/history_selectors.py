"""Reads for the history pages: every kind of history (an answer, a person on the roster, an expected
question, the meeting brief in ``briefs``) becomes the same ``HistoryPage`` of ``HistoryEntry`` rows, newest
first, shown by one template (``preps/history.html``). Each entry says who, when and the value in words."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Model, QuerySet
from django.urls import reverse

from core.users import display_name
from worksheets.models import FAQEntry, Question

from .models import (
    Answer,
    ExpectedQuestion,
    ExpectedQuestionRevision,
    MeetingPrep,
    Stakeholder,
    StakeholderRevision,
)
from .revisions import expected_question_snapshot
from .selectors import answer_history

NOT_RECORDED = "Author not recorded"
EMPTY = "(empty)"


@dataclass(frozen=True)
class HistoryEntry:
    """One version: who saved it, when, and its fields as ``(label, words)`` (one unlabelled pair for a
    single text). ``restore_url`` None: it is what the row holds now, nothing to restore."""

    pk: int
    who: str
    saved_at: datetime
    fields: list[tuple[str, str]]
    restore_url: str | None
    is_current: bool = False
    restored: bool = False


@dataclass(frozen=True)
class HistoryPage:
    """What the history page shows: ``title`` (also the breadcrumb), a ``lead`` naming the row, a way back."""

    prep: MeetingPrep
    title: str
    lead: str
    back_url: str
    back_label: str
    entries: list[HistoryEntry] = field(default_factory=list)


def author_name(author) -> str:
    return NOT_RECORDED if author is None else display_name(author)


def history_entries(
    revisions: Iterable[Model],
    *,
    fields: Callable[[Model], list[tuple[str, str]]],
    current: Callable[[Model], bool],
    restore_url: Callable[[Model], str],
) -> list[HistoryEntry]:
    """Revisions (newest first, author selected) as entries: a revision that holds what the row holds now is
    not offered for restore; the newest one is marked as the current version."""
    entries = []
    for number, revision in enumerate(revisions):
        is_current = current(revision)
        entries.append(
            HistoryEntry(
                pk=revision.pk,
                who=author_name(revision.author),
                saved_at=revision.saved_at,
                fields=fields(revision),
                restore_url=None if is_current else restore_url(revision),
                is_current=number == 0 and is_current,
                restored=revision.restored_from_id is not None,
            )
        )
    return entries


# An answer


def answer_history_page(prep: MeetingPrep, question: Question, answer: Answer | None) -> HistoryPage:
    text = answer.text if answer is not None else ""
    return HistoryPage(
        prep=prep,
        title=f"History of question {question.position}",
        lead=question.prompt,
        back_url=f"{prep.get_absolute_url()}#question-{question.position}",
        back_label=f"Back to question {question.position}",
        entries=history_entries(
            answer_history(answer),
            fields=lambda revision: [("", revision.text or EMPTY)],
            current=lambda revision: revision.text == text,
            restore_url=lambda revision: reverse("answer_restore", args=[prep.pk, question.key, revision.pk]),
        ),
    )


# A person on the roster: each revision is one field, shown with its label and, for a select, the option's
# label ("Supportive", not ``supportive``).


def stakeholder_field_words(name: str, value: str) -> tuple[str, str]:
    model_field = Stakeholder._meta.get_field(name)
    label = str(model_field.verbose_name).capitalize()
    if model_field.choices:
        return label, str(dict(model_field.choices).get(value, value))
    return label, value or EMPTY


def stakeholder_history_page(prep: MeetingPrep, person: Stakeholder) -> HistoryPage:
    revisions = StakeholderRevision.objects.filter(stakeholder=person).select_related("author")
    return HistoryPage(
        prep=prep,
        title=f"History of {person.name}",
        lead="Every change to this person on the roster: who they are, the ratings and your notes on them.",
        back_url=f"{prep.get_absolute_url()}#person-{person.pk}",
        back_label=f"Back to {person.name}",
        entries=history_entries(
            revisions,
            fields=lambda revision: [stakeholder_field_words(revision.field, revision.value)],
            current=lambda revision: getattr(person, revision.field, None) == revision.value,
            restore_url=lambda revision: reverse(
                "stakeholder_restore", args=[prep.pk, person.pk, revision.pk]
            ),
        ),
    )


# An expected question (question 4): askers and FAQ entries are kept as ids and named here, in two queries
# for any number of revisions. A person since removed from the roster is not named.


def _names(revisions: list[ExpectedQuestionRevision], key: str, rows: QuerySet, attribute: str) -> dict:
    """``attribute`` of each row of ``rows`` the revisions' ``key`` lists, by id (one query)."""
    ids = {pk for revision in revisions for pk in revision.snapshot.get(key, [])}
    return dict(rows.filter(pk__in=ids).values_list("pk", attribute)) if ids else {}


def _listed(ids: list[int], names: dict[int, str], missing: str) -> str:
    if not ids:
        return "None"
    return "; ".join(names.get(pk, missing) for pk in ids)


def expected_question_history_page(prep: MeetingPrep, question: ExpectedQuestion) -> HistoryPage:
    revisions = list(
        ExpectedQuestionRevision.objects.filter(expected_question=question).select_related("author")
    )
    people = _names(revisions, "askers", Stakeholder.objects.filter(prep=prep), "name")
    entries_faq = _names(
        revisions, "faq_entries", FAQEntry.objects.filter(worksheet_id=prep.worksheet_id), "question"
    )
    now = expected_question_snapshot(question)

    def fields(revision: ExpectedQuestionRevision) -> list[tuple[str, str]]:
        kept = revision.snapshot
        return [
            ("The question", kept.get("text", "") or EMPTY),
            ("Who may ask it", _listed(kept.get("askers", []), people, "A person no longer on the roster")),
            ("Your answer", kept.get("answer", "") or EMPTY),
            (
                "Linked FAQ answers",
                _listed(kept.get("faq_entries", []), entries_faq, "An entry no longer in the FAQ"),
            ),
        ]

    return HistoryPage(
        prep=prep,
        title="History of an expected question",
        lead=question.text,
        back_url=f"{prep.get_absolute_url()}#eq-{question.pk}",
        back_label="Back to the questions you expect",
        entries=history_entries(
            revisions,
            fields=fields,
            current=lambda revision: revision.snapshot == now,
            restore_url=lambda revision: reverse(
                "expected_question_restore", args=[prep.pk, question.pk, revision.pk]
            ),
        ),
    )
