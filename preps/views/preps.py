"""A user's meeting preps: the dashboard, their details, and the fill page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import contributions
from worksheets.selectors import default_worksheet

from ..forms import AnswersForm, MeetingPrepForm, answer_field_name, version_field_name
from ..selectors import (
    answer_last_editor,
    changed_by,
    dashboard_page,
    engagement_steps_due,
    prep_access,
    prep_for_owner,
    prep_for_writer,
    prep_with_content,
    preps_shared_with,
)
from ..services import answers_save, prep_create, prep_delete, prep_duplicate, prep_update
from .roster_live import fill_page_roster


@login_required
@require_GET
def dashboard(request):
    search = request.GET.get("q", "").strip()[:200]
    page = dashboard_page(request.user, search=search, page_number=request.GET.get("page"))
    context = {
        "page": page,
        "preps": page.object_list,
        "search": search,
        "has_any": bool(search) or page.paginator.count > 0,
        "shared": preps_shared_with(request.user),
        "engagement_steps": engagement_steps_due(request.user),
        "today": timezone.localdate(),
        **contributions.dashboard_page.merged(request=request, preps=page.object_list),
    }
    return render(request, "preps/dashboard.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def prep_new(request):
    if default_worksheet() is None:
        messages.error(request, "No worksheet is published yet. Ask an administrator to publish one.")
        return redirect("dashboard")
    form = MeetingPrepForm(request.POST or None, submit_label="Start preparing")
    if request.method == "POST" and form.is_valid():
        details = dict(form.cleaned_data)
        worksheet = details.pop("worksheet", None) or default_worksheet()
        prep = prep_create(owner=request.user, worksheet=worksheet, **details)
        return redirect(prep)
    context = {"form": form, "creating": True}
    return render(request, "preps/prep_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def prep_edit(request, pk):
    prep = prep_for_writer(request.user, pk)
    form = MeetingPrepForm(request.POST or None, instance=prep, submit_label="Save details")
    if request.method == "POST" and form.is_valid():
        prep_update(prep=prep, **form.cleaned_data)
        messages.success(request, "Meeting details saved.")
        return redirect(prep)
    context = {"form": form, "prep": prep, "creating": False}
    return render(request, "preps/prep_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def prep_copy(request, pk):
    copy = prep_duplicate(prep=prep_for_owner(request.user, pk))
    messages.success(
        request, f"Made a copy with your answers: “{copy.meeting_title}”. Rename it for the next meeting."
    )
    return redirect("prep_edit", pk=copy.pk)


@login_required
@require_http_methods(["GET", "POST"])
def prep_delete_confirm(request, pk):
    prep = prep_for_owner(request.user, pk)
    if request.method == "POST":
        title = prep.meeting_title
        prep_delete(prep=prep)
        messages.success(request, f"Deleted “{title}”.")
        return redirect("dashboard")
    return render(request, "preps/prep_confirm_delete.html", {"prep": prep})


@login_required
@require_http_methods(["GET", "POST"])
def prep_fill(request, pk):
    """The fill page for the owner and editors; the same page read-only for commenters and viewers (with the
    comment boxes for commenters)."""
    access = prep_access(request.user, pk)
    if request.method == "POST" and not access.can_edit:
        prep_for_writer(request.user, pk)  # the 403 that says why
    content = prep_with_content(access.prep)
    form = AnswersForm(request.POST or None, questions=content.questions, answers=content.answers)
    status = 200
    if request.method == "POST" and form.is_valid():
        if not _save_changed_answers(content.prep, form, request.user):
            messages.success(request, "Your answers are saved.")
            return redirect(content.prep)
        status = 409
    elif request.method == "POST":
        status = 400
    context = {
        "prep": content.prep,
        "access": access,
        "can_edit": access.can_edit,
        "is_owner": access.is_owner,
        "worksheet": content.worksheet,
        "form": form,
        "sections": [
            (question, form[answer_field_name(question)], form[version_field_name(question)])
            for question in content.questions
        ],
        "answers": content.answers,
        "answered_count": content.answered_count,
        "question_count": len(content.questions),
        **fill_page_roster(request, content.stakeholders, content.prep),
        "expected_questions": content.expected_questions,
        **contributions.prep_page.merged(request=request, access=access),
    }
    template = "preps/prep_fill.html" if access.can_edit else "preps/prep_read.html"
    return render(request, template, context, status=status)


def _save_changed_answers(prep, form: AnswersForm, author) -> list:
    """Save each changed answer; on a version conflict keep the user's text in the form and say so."""
    conflicts = []
    form.data = form.data.copy()
    for question, result in answers_save(prep=prep, changes=form.changed_answers(), author=author).items():
        # The re-rendered page must post the new version next time, saved or not.
        form.data[version_field_name(question)] = result.row.version
        if not result.saved:
            conflicts.append(question)
            form.add_error(
                answer_field_name(question),
                f"This answer was changed {changed_by(answer_last_editor(result.row), author)} since you "
                "opened this page, so your text was not saved over it. Your text is still in the box; the "
                "saved text is: "
                f"“{result.row.text}”. Edit the box to what you want to keep and save again.",
            )
    return conflicts
