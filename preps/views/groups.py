"""A work group's details, the owner's alone (a team member gets 403, anyone else 404). The group page itself,
with its meetings and follow-ups, is the outcomes app's; its team, the sharing app's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ..forms import WorkGroupForm
from ..selectors import work_group_for_owner
from ..services import WORK_GROUP_DETAILS, work_group_update


@login_required
@require_http_methods(["GET", "POST"])
def work_group_edit(request, pk):
    group = work_group_for_owner(request.user, pk)
    form = WorkGroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        details = {name: form.cleaned_data[name] for name in WORK_GROUP_DETAILS}
        work_group_update(group=group, **details)
        messages.success(request, "Work group saved.")
        return redirect(group)
    context = {"form": form, "group": group}
    return render(request, "preps/work_group_form.html", context, status=400 if form.errors else 200)
