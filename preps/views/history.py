"""An answer's history: its earlier versions, who saved each and when, and restoring one. For the owner and
editors (``prep_for_writer``); restoring is a new save, so the text it replaces stays in the history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from core.refusals import refusal

from ..selectors import answer_for_question, answer_history, changed_by, prep_for_writer, question_for_prep
from ..services import RestoreRefused, answer_restore


@login_required
@require_GET
def answer_history_page(request, pk, question_key):
    prep = prep_for_writer(request.user, pk)
    question = question_for_prep(prep, question_key)
    answer = answer_for_question(prep, question)
    context = {"prep": prep, "question": question, "answer": answer, "revisions": answer_history(answer)}
    response = render(request, "preps/answer_history.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def answer_revision_restore(request, pk, question_key, revision_id):
    prep = prep_for_writer(request.user, pk)
    question = question_for_prep(prep, question_key)
    try:
        result = answer_restore(prep=prep, revision_id=revision_id, question=question, author=request.user)
    except RestoreRefused:
        return refusal(
            request, status=404, title="Not restored", message="This version is not one of this answer's."
        )
    if not result.saved:
        return refusal(
            request,
            status=409,
            title="Not restored",
            message=f"The answer was changed {changed_by(None, request.user)} just now. Open its history "
            "again and choose the version to restore.",
        )
    messages.success(
        request,
        f"Restored the earlier text of question {question.position}. The text it "
        "replaced is kept in the history.",
    )
    return redirect(f"{prep.get_absolute_url()}#question-{question.position}")
