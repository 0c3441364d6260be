"""Comments on a prep's questions and people: commenters, editors and the owner add them
(``prep_for_commenter``); the owner and editors resolve them (``prep_for_writer``). A form post answers with
the fill page again; the page's script gets JSON."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.http import link_base
from core.refusals import refusal, wants_json
from preps.selectors import prep_for_commenter, prep_for_writer

from .. import services
from ..forms import CommentForm
from ..models import Comment


def _back(prep, anchor: str):
    return redirect(reverse("prep_fill", args=[prep.pk]) + f"#{anchor}")


@login_required
@require_POST
def comment_create(request, pk):
    prep = prep_for_commenter(request.user, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        message = " ".join(error for errors in form.errors.values() for error in errors)
        return refusal(request, status=400, title="Comment not saved", message=message)
    person = form.cleaned_data.get("person")
    try:
        comment = services.comment_add(
            prep=prep,
            author=request.user,
            text=form.cleaned_data["comment"],
            question_key=form.cleaned_data.get("question") or "",
            stakeholder_id=person,
        )
    except ValidationError as error:
        return refusal(request, status=400, title="Comment not saved", message=" ".join(error.messages))
    # The owner's digest, if due, once the comment is saved; a failure there is logged, never this answer.
    transaction.on_commit(
        partial(services.comment_digests_send, link_base=link_base(request), owner_id=prep.owner_id),
        robust=True,
    )
    if wants_json(request):
        return JsonResponse({"status": "saved", "id": comment.pk}, status=201)
    messages.success(request, "Comment added.")
    return _back(prep, f"comment-{comment.pk}")


@login_required
@require_POST
def comment_resolve(request, pk, comment_id):
    prep = prep_for_writer(request.user, pk)
    reopen = request.POST.get("reopen") == "1"
    try:
        comment = services.comment_resolve(
            prep=prep, comment_id=comment_id, by=request.user, resolved=not reopen
        )
    except Comment.DoesNotExist:
        raise Http404("This comment is not on this meeting prep.") from None
    messages.success(request, "Comment opened again." if reopen else "Comment resolved.")
    anchor = (
        f"person-{comment.stakeholder_id}" if comment.stakeholder_id else f"comments-q{comment.question_id}"
    )
    return _back(prep, anchor)
