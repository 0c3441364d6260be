"""A user's meeting preps: the dashboard, their details, and the fill page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..forms import AnswersForm, MeetingPrepForm, answer_field_name, version_field_name
from ..models import Worksheet
from ..selectors import answers_by_question, prep_for_owner, preps_for_dashboard, worksheet_with_content
from ..services import answer_save, prep_create, prep_duplicate


@login_required
@require_GET
def dashboard(request):
    return render(request, "worksheets/dashboard.html", {"preps": preps_for_dashboard(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def prep_new(request):
    if not Worksheet.objects.published().exists():
        messages.error(request, "No worksheet is published yet. Ask an administrator to publish one.")
        return redirect("dashboard")
    form = MeetingPrepForm(request.POST or None, submit_label="Start preparing")
    if request.method == "POST" and form.is_valid():
        details = form.cleaned_data
        worksheet = details.pop("worksheet", None) or Worksheet.objects.published().order_by("pk").first()
        prep = prep_create(owner=request.user, worksheet=worksheet, **details)
        return redirect(prep)
    context = {"form": form, "creating": True}
    return render(request, "worksheets/prep_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def prep_edit(request, pk):
    prep = prep_for_owner(request.user, pk)
    form = MeetingPrepForm(request.POST or None, instance=prep, submit_label="Save details")
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Meeting details saved.")
        return redirect(prep)
    context = {"form": form, "prep": prep, "creating": False}
    return render(request, "worksheets/prep_form.html", context, status=400 if form.errors else 200)


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
def prep_delete(request, pk):
    prep = prep_for_owner(request.user, pk)
    if request.method == "POST":
        title = prep.meeting_title
        prep.delete()
        messages.success(request, f"Deleted “{title}”.")
        return redirect("dashboard")
    return render(request, "worksheets/prep_confirm_delete.html", {"prep": prep})


@login_required
@require_http_methods(["GET", "POST"])
def prep_fill(request, pk):
    prep = prep_for_owner(request.user, pk)
    worksheet = worksheet_with_content(prep.worksheet_id)
    questions = list(worksheet.questions.all())
    answers = answers_by_question(prep)
    form = AnswersForm(request.POST or None, questions=questions, answers=answers)
    status = 200
    if request.method == "POST" and form.is_valid():
        conflicts = _save_changed_answers(prep, form)
        if not conflicts:
            messages.success(request, "Your answers are saved.")
            return redirect(prep)
        status = 409
    elif request.method == "POST":
        status = 400
    context = {
        "prep": prep,
        "worksheet": worksheet,
        "form": form,
        "sections": [
            (question, form[answer_field_name(question)], form[version_field_name(question)])
            for question in questions
        ],
        "answered_count": sum(1 for answer in answers.values() if answer.is_answered),
        "question_count": len(questions),
    }
    return render(request, "worksheets/prep_fill.html", context, status=status)


def _save_changed_answers(prep, form: AnswersForm) -> list:
    """Save each changed answer; on a version conflict keep the user's text in the form and say so."""
    conflicts = []
    form.data = form.data.copy()
    for question, text, base_version in form.changed_answers():
        result = answer_save(prep=prep, question=question, text=text, base_version=base_version)
        # The re-rendered page must post the new version next time, saved or not.
        form.data[version_field_name(question)] = result.answer.version
        if not result.saved:
            conflicts.append(question)
            form.add_error(
                answer_field_name(question),
                "This answer was changed in another window since you opened this page, so your text was not "
                "saved over it. Your text is still in the box; the saved text is: "
                f"“{result.answer.text}”. Edit the box to what you want to keep and save again.",
            )
    return conflicts
