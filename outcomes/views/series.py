"""The next meeting of a work group, and the work group's page: its meetings in order (those the reader may
open), the next one, the open follow-ups, the stances over time and, for its owner, its team."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from preps.selectors import prep_for_owner, prep_for_reader, work_group_access

from ..forms import NextMeetingForm
from ..selectors import STANCE_LABELS, group_view
from ..series import series_next_create


@login_required
@require_http_methods(["GET", "POST"])
def series_next(request, pk):
    prep = prep_for_owner(request.user, pk)
    form = NextMeetingForm(request.POST or None, initial={"meeting_title": prep.meeting_title})
    if request.method == "POST" and form.is_valid():
        copy = series_next_create(prep=prep, **form.cleaned_data)
        messages.success(
            request,
            "The meeting prep for the next meeting is ready: the roster's new ratings, the open questions "
            "and follow-ups are in. Revise your answers for it.",
        )
        return redirect(copy)
    context = {"prep": prep, "form": form}
    return render(request, "outcomes/next.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def series_page(request, pk):
    """The address the series page had: the meeting's work group page."""
    prep = prep_for_reader(request.user, pk)
    return redirect("work_group", pk=prep.work_group_id)


@login_required
@require_GET
def work_group_page(request, pk):
    access = work_group_access(request.user, pk)
    view = group_view(access, reader=request.user)
    context = {"view": view, "group": access.group, "series": view.series, "stance_labels": STANCE_LABELS}
    response = render(request, "outcomes/group.html", context)
    response["Cache-Control"] = "private, no-store"
    return response
