"""Comments on a prep's questions and people: commenters, editors and the owner add them
(``prep_for_commenter``); the owner and editors resolve them (``prep_for_writer``); the author, or the prep's
owner, removes one at once, and the one who removed it can undo that for a few minutes. A form post answers
with the fill page again; the page's script gets JSON."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from core.http import link_base
from core.ids import parse_id
from core.ordered import NOTHING_TO_UNDO
from core.refusals import refusal, wants_json
from preps.selectors import prep_access, prep_for_commenter, prep_for_writer

from .. import services
from ..forms import CommentForm
from ..models import Comment
from ..selectors import comment_for_prep, people_comments_question_id

NOT_YOURS = "Only the comment's author, or the meeting prep's owner, can remove it."


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
    return _back(prep, _anchor(comment))


def _anchor(comment: Comment) -> str:
    """Where a comment sits on the fill page: its person's row, or its question's comments."""
    if comment.stakeholder_id:
        return f"person-{comment.stakeholder_id}"
    return f"comments-q{comment.question_id}"


@login_required
@require_http_methods(["GET", "POST"])
def comment_remove(request, pk, comment_id):
    """GET asks first (the Remove link without JavaScript); POST removes at once, and the fill page then
    offers to undo it. The author, or the prep's owner; another colleague gets 403, a viewer too."""
    access = prep_access(request.user, pk)  # 404 to anyone without access
    if not access.can_comment:
        return refusal(request, status=403, title="Not removed", message=NOT_YOURS)
    prep, is_owner = access.prep, access.is_owner
    comment_id = parse_id(str(comment_id))
    comment = comment_for_prep(prep, comment_id) if comment_id is not None else None
    if comment is None:
        raise Http404("This comment is not on this meeting prep.")
    if not services.comment_may_remove(comment, request.user, is_owner=is_owner):
        return refusal(request, status=403, title="Not removed", message=NOT_YOURS)
    if request.method == "GET":
        return render(request, "sharing/comment_confirm_remove.html", {"prep": prep, "comment": comment})
    try:
        services.comment_remove(prep=prep, comment_id=comment.pk, by=request.user, is_owner=is_owner)
    except Comment.DoesNotExist:
        pass  # removed in another window meanwhile: what the user wanted, with nothing to undo here
    except services.CommentNotYours:  # the same check, made again under the lock
        return refusal(request, status=403, title="Not removed", message=NOT_YOURS)
    if wants_json(request):
        undo_url = reverse("comment_undo", args=[prep.pk, comment.pk])
        return JsonResponse({"status": "removed", "undo_url": undo_url})
    # Back where its Undo is: a comment about a person offers it where such comments are written.
    where = comment.question_id or people_comments_question_id(prep)
    return _back(prep, f"comments-q{where}")


@login_required
@require_POST
def comment_undo(request, pk, comment_id):
    """Put back a comment this user removed a moment ago, with its text, author, dates and resolved state."""
    prep = prep_for_commenter(request.user, pk)
    comment_id = parse_id(str(comment_id))
    try:
        comment = None
        if comment_id is not None:
            comment = services.comment_put_back(prep=prep, comment_id=comment_id, by=request.user)
    except ValidationError as error:  # its person gone since: the undo stays offered
        return refusal(request, status=409, title="Not put back", message=" ".join(error.messages))
    if comment is None:
        return refusal(request, status=404, title="Nothing to undo", message=NOTHING_TO_UNDO)
    if wants_json(request):
        return JsonResponse({"status": "restored", "id": comment.pk})
    messages.success(request, "Comment put back.")
    return _back(prep, f"comment-{comment.pk}")
