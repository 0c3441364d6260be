"""The next meeting of a series and the series page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from preps.selectors import prep_for_owner, prep_for_reader

from ..forms import NextMeetingForm
from ..selectors import STANCE_LABELS, series_view
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
    prep = prep_for_reader(request.user, pk)
    context = {"prep": prep, "series": series_view(prep, reader=request.user), "stance_labels": STANCE_LABELS}
    return render(request, "outcomes/series.html", context)
