"""History pages: an answer, a person on the roster, an expected question (and the meeting brief, in
``briefs.views``) each list their earlier versions, who saved each and when, on one page pattern
(``history_response`` and ``preps/history.html``). For the owner and editors (``prep_for_writer``: a viewer
or commenter gets 403, anyone else 404). Restoring is a new save, so the version it replaces stays in the
history, and a window still showing the older version gets a conflict on its next save."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from core.refusals import refusal
from core.saves import SaveResult

from ..history_selectors import (
    HistoryPage,
    answer_history_page,
    expected_question_history_page,
    stakeholder_history_page,
)
from ..history_services import RevisionNotFound, expected_question_restore, stakeholder_revision_restore
from ..selectors import (
    answer_for_question,
    changed_by,
    expected_question_for_prep,
    prep_for_writer,
    question_for_prep,
    stakeholder_for_prep,
)
from ..services import RestoreRefused, answer_restore

NOT_THIS_ROWS = "This version is not one of this {what}’s."
CHANGED_MEANWHILE = (
    "The {what} was changed {by} just now. Open its history again and choose the version to restore."
)


def history_response(request, page: HistoryPage) -> HttpResponse:
    """The history page: never cached, since it holds private notes and changes with every save."""
    response = render(request, "preps/history.html", {"page": page, "prep": page.prep})
    response["Cache-Control"] = "private, no-store"
    return response


def restore_response(request, result: SaveResult, *, what: str, back_url: str, done: str) -> HttpResponse:
    """After a restore: back to the row with a message, or 409 if the row moved on between the read and
    the write (nothing changed)."""
    if not result.saved:
        message = CHANGED_MEANWHILE.format(what=what, by=changed_by(None, request.user))
        return refusal(request, status=409, title="Not restored", message=message)
    messages.success(request, f"{done} The version it replaced is kept in the history.")
    return redirect(back_url)


def _not_restored(request, what: str, status: int = 404, message: str = "") -> HttpResponse:
    return refusal(
        request, status=status, title="Not restored", message=message or NOT_THIS_ROWS.format(what=what)
    )


# An answer (its URLs are the ones the fill page has always linked)


@login_required
@require_GET
def answer_history_view(request, pk, question_key):
    prep = prep_for_writer(request.user, pk)
    question = question_for_prep(prep, question_key)
    return history_response(request, answer_history_page(prep, question, answer_for_question(prep, question)))


@login_required
@require_POST
def answer_revision_restore(request, pk, question_key, revision_id):
    prep = prep_for_writer(request.user, pk)
    question = question_for_prep(prep, question_key)
    try:
        result = answer_restore(prep=prep, revision_id=revision_id, question=question, author=request.user)
    except RestoreRefused:
        return _not_restored(request, "answer")
    return restore_response(
        request,
        result,
        what="answer",
        back_url=f"{prep.get_absolute_url()}#question-{question.position}",
        done=f"Restored the earlier text of question {question.position}.",
    )


# A person on the roster


@login_required
@require_GET
def stakeholder_history(request, pk, person_id):
    prep = prep_for_writer(request.user, pk)
    return history_response(request, stakeholder_history_page(prep, stakeholder_for_prep(prep, person_id)))


@login_required
@require_POST
def stakeholder_revision_restore_view(request, pk, person_id, revision_id):
    prep = prep_for_writer(request.user, pk)
    person = stakeholder_for_prep(prep, person_id)
    try:
        result = stakeholder_revision_restore(
            prep=prep, person_id=person.pk, revision_id=revision_id, author=request.user
        )
    except RevisionNotFound:
        return _not_restored(request, "person")
    except ValidationError as error:
        return _not_restored(request, "person", status=400, message=" ".join(error.messages))
    return restore_response(
        request,
        result,
        what="person",
        back_url=f"{prep.get_absolute_url()}#person-{person.pk}",
        done=f"Restored an earlier version of {result.row.name}.",
    )


# An expected question (question 4)


@login_required
@require_GET
def expected_question_history(request, pk, expected_question_id):
    prep = prep_for_writer(request.user, pk)
    question = expected_question_for_prep(prep, expected_question_id)
    return history_response(request, expected_question_history_page(prep, question))


@login_required
@require_POST
def expected_question_revision_restore(request, pk, expected_question_id, revision_id):
    prep = prep_for_writer(request.user, pk)
    question = expected_question_for_prep(prep, expected_question_id)
    try:
        result = expected_question_restore(
            prep=prep, expected_question_id=question.pk, revision_id=revision_id, author=request.user
        )
    except RevisionNotFound:
        return _not_restored(request, "question")
    except ValidationError as error:
        return _not_restored(request, "question", status=400, message=" ".join(error.messages))
    return restore_response(
        request,
        result,
        what="question",
        back_url=f"{prep.get_absolute_url()}#eq-{question.pk}",
        done="Restored an earlier version of the question you expect.",
    )
