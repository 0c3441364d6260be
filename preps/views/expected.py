"""Question 4: the questions the director expects, each with who may ask it, her answer and the FAQ entries
that answer it.

Two ways in, one service each: the page's script saves a row as JSON (``expected_question_create``,
``expected_question_save``, and move and remove when asked with ``X-Requested-With: fetch``); without
JavaScript the add and edit pages do the same, and "Find FAQ answers" shows the suggestions after a submit.
Every view needs write access (``prep_for_writer``: owner or editor; anyone else without access gets 404).
"""

from dataclasses import asdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from core.refusals import json_refusal, wants_json
from core.saves import save_reply

from ..expected_forms import ExpectedQuestionForm, row_create_parse, row_save_parse
from ..models import ExpectedQuestion
from ..selectors import (
    expected_question_for_prep,
    faq_entries_for_prep,
    faq_suggestions_for_prep,
    prep_for_writer,
    roster_for_prep,
)
from ..services import (
    ExpectedListFull,
    expected_question_create,
    expected_question_delete,
    expected_question_fields,
    expected_question_move,
    expected_question_save,
)


def _list_url(prep) -> str:
    return reverse("prep_fill", args=[prep.pk]) + "#expected-questions"


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def _row_html(request, prep, question: ExpectedQuestion) -> str:
    question = expected_question_for_prep(prep, question.pk)
    context = {"prep": prep, "eq": question, "stakeholders": roster_for_prep(prep)}
    return render_to_string("preps/_expected_question_row.html", context, request=request)


def _linked_html(request, prep, question: ExpectedQuestion) -> str:
    return render_to_string(
        "preps/_expected_question_linked.html", {"prep": prep, "eq": question}, request=request
    )


@login_required
@require_POST
def expected_question_row_create(request, pk):
    """The script's add (and the undo of a removal): JSON with the new row's HTML."""
    prep = prep_for_writer(request.user, pk)
    try:
        question = expected_question_create(prep=prep, author=request.user, **row_create_parse(request.POST))
    except ExpectedListFull as error:
        return json_refusal(_messages(error), status=409)
    except ValidationError as error:
        return json_refusal(_messages(error), status=400)
    html = _row_html(request, prep, question)
    return JsonResponse({"status": "saved", "id": question.pk, "version": question.version, "html": html})


@login_required
@require_POST
def expected_question_row_save(request, pk, expected_question_id):
    """The script's save of one row: ``version`` and the changed fields; 409 with the stored ones."""
    prep = prep_for_writer(request.user, pk)
    question = expected_question_for_prep(prep, expected_question_id)
    try:
        base_version, changes = row_save_parse(request.POST)
        result = expected_question_save(
            prep=prep,
            expected_question_id=question.pk,
            base_version=base_version,
            changes=changes,
            author=request.user,
        )
    except ExpectedQuestion.DoesNotExist:
        return json_refusal("This question was removed in another window.", status=404)
    except ValidationError as error:
        return json_refusal(_messages(error), status=400)
    extra = dict(result.current)
    if result.saved and "faq_entries" in changes:
        extra["linked_html"] = _linked_html(request, prep, result.row)
    return save_reply(result, thing="This question", user=request.user, extra=extra)


def _form(request, prep, question=None) -> ExpectedQuestionForm:
    return ExpectedQuestionForm(
        request.POST or None,
        people=roster_for_prep(prep),
        entries=faq_entries_for_prep(prep),
        question=question,
    )


def _page(request, prep, form, *, question=None, status=200):
    text = form.data.get("text", "") if form.is_bound else form.initial.get("text", "")
    suggestions = faq_suggestions_for_prep(prep, text[:1000]) if text.strip() else []
    context = {"prep": prep, "form": form, "question": question, "offered": form.offered(suggestions)}
    return render(request, "preps/expected_question_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def expected_question_add(request, pk):
    """Without JavaScript: add a question; "Find FAQ answers" shows the suggestions and saves nothing."""
    prep = prep_for_writer(request.user, pk)
    form = _form(request, prep)
    if request.method == "GET":
        return _page(request, prep, form)
    if not form.is_valid():
        return _page(request, prep, form, status=400)
    if "find" in request.POST:
        return _page(request, prep, form)
    try:
        expected_question_create(prep=prep, author=request.user, **form.values())
    except ValidationError as error:
        form.add_error(None, error)
        return _page(request, prep, form, status=409 if isinstance(error, ExpectedListFull) else 400)
    messages.success(request, "Added the question to question 4.")
    return redirect(_list_url(prep))


@login_required
@require_http_methods(["GET", "POST"])
def expected_question_edit(request, pk, expected_question_id):
    """Without JavaScript: edit a question on its version; a stale save is a 409 showing the saved text."""
    prep = prep_for_writer(request.user, pk)
    question = expected_question_for_prep(prep, expected_question_id)
    form = _form(request, prep, question)
    if request.method == "GET":
        return _page(request, prep, form, question=question)
    if not form.is_valid():
        return _page(request, prep, form, question=question, status=400)
    if "find" in request.POST:
        return _page(request, prep, form, question=question)
    try:
        result = expected_question_save(
            prep=prep,
            expected_question_id=question.pk,
            base_version=form.cleaned_data["version"],
            changes=form.values(),
            author=request.user,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _page(request, prep, form, question=question, status=400)
    if result.saved:
        messages.success(request, "Saved the question.")
        return redirect(_list_url(prep))
    return _conflict_page(request, prep, result.row)


def _conflict_page(request, prep, current: ExpectedQuestion):
    """The form keeps the user's text and the new version; the saved text is shown beside each field."""
    form = _form(request, prep, current)
    form.data = form.data.copy()
    form.data["version"] = current.version
    form.is_valid()
    mine, saved = form.values(), expected_question_fields(current)
    for field in ("text", "answer"):
        if mine[field] != saved[field]:
            form.add_error(
                field,
                "This was changed in another window since you opened this page, so your text was not saved "
                f"over it. The saved text is: “{saved[field]}”. Your text is still in the box; save again to "
                "keep it.",
            )
    if any(sorted(mine[field]) != sorted(saved[field]) for field in ("askers", "faq_entries")):
        form.add_error(
            None,
            "Who may ask or the linked FAQ answers were changed in another window; save again to keep yours.",
        )
    return _page(request, prep, form, question=current, status=409)


@login_required
@require_POST
def expected_question_move_view(request, pk, expected_question_id):
    """Move up or down (``direction``); the script gets the new order, a form goes back to the edit page."""
    prep = prep_for_writer(request.user, pk)
    question = expected_question_for_prep(prep, expected_question_id)
    by = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if by is None:
        if wants_json(request):
            return json_refusal("Say which way to move it: direction=up or direction=down.", status=400)
        return render(
            request, "400.html", {"title": "Not moved", "message": "Choose Move up or Move down."}, status=400
        )
    order = expected_question_move(prep=prep, expected_question_id=question.pk, by=by)
    position = next(n for n, q in enumerate(order, start=1) if q.pk == question.pk)
    if wants_json(request):
        return JsonResponse({"status": "saved", "order": [q.pk for q in order], "position": position})
    messages.success(request, f"Moved: now question {position} of {len(order)}.")
    return redirect("expected_question_edit", pk=prep.pk, expected_question_id=question.pk)


@login_required
@require_http_methods(["GET", "POST"])
def expected_question_remove(request, pk, expected_question_id):
    """GET asks; POST removes. The script gets what was removed, to offer an undo."""
    prep = prep_for_writer(request.user, pk)
    question = expected_question_for_prep(prep, expected_question_id)
    if request.method == "GET":
        return render(request, "preps/expected_question_confirm_delete.html", {"prep": prep, "eq": question})
    try:
        removed = expected_question_delete(prep=prep, expected_question_id=question.pk)
    except ExpectedQuestion.DoesNotExist:
        removed = None  # removed in another window meanwhile: what the user wanted
    if wants_json(request):
        body = {"status": "removed", "removed": asdict(removed) if removed else None}
        return JsonResponse(body)
    messages.success(request, "Removed the question from question 4.")
    return redirect(_list_url(prep))
