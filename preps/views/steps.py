"""One step per question: the question, Carmen's example, that question's own fields, its "Other notes" (the
answer's text) and the tips that belong to it, with Back/Next and the progress of every step."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core import contributions
from worksheets.selectors import question_tips

from ..forms import AnswersForm, answer_field_name, version_field_name
from ..selectors import PrepContent, prep_access, prep_for_writer, prep_with_content
from .preps import save_changed_answers
from .roster_live import fill_page_roster

# The examples this session has shown open once: folded on every later visit (works without JavaScript).
EXAMPLES_READ = "examples_read"
NOTES_LABEL = "Other notes"


@login_required
@require_http_methods(["GET", "POST"])
def prep_step(request, pk: int, number: int):
    """Step ``number`` (1-based, the worksheet's order) for the owner and editors; the same step read-only for
    viewers and commenters. Its no-JavaScript Save posts only this step's notes; the others stay as they are.
    """
    access = prep_access(request.user, pk)
    if request.method == "POST" and not access.can_edit:
        prep_for_writer(request.user, pk)  # the 403 that says why
    content = prep_with_content(access.prep)
    if not 1 <= number <= len(content.questions):
        raise Http404("No such step.")
    question = content.questions[number - 1]
    form = AnswersForm(request.POST or None, questions=[question], answers=content.answers)
    form.fields[answer_field_name(question)].label = NOTES_LABEL
    status = 200
    if request.method == "POST" and form.is_valid():
        if not save_changed_answers(content.prep, form, request.user):
            messages.success(request, "Saved.")
            return redirect("prep_step", pk=pk, number=number)
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
        "question": question,
        "field": form[answer_field_name(question)],
        # The one question whose comment form the sharing app's forms partial makes.
        "sections": [(question, form[answer_field_name(question)], form[version_field_name(question)])],
        "person_comments": number == 1,  # people's comments show in question 1's roster only
        "version_field": form[version_field_name(question)],
        "answers": content.answers,
        "number": number,
        "number_is_first": number == 1,
        "steps": step_progress(content),
        "previous_number": number - 1 if number > 1 else None,
        "next_number": number + 1 if number < len(content.questions) else None,
        "example_open": _example_first_shown(request, question.key),
        "tips": question_tips(content.worksheet, question),
        "answered_count": content.answered_count,
        "question_count": len(content.questions),
        **fill_page_roster(request, content.stakeholders, content.prep),
        "expected_questions": content.expected_questions,
        **contributions.prep_page.merged(request=request, access=access),
    }
    return render(request, "preps/prep_step.html", context, status=status)


def step_progress(content: PrepContent) -> list[dict]:
    """Each step's number, question and whether it holds words yet (the dashboard's rule of answered)."""
    return [
        {"number": position, "question": question, "answered": content.is_answered(question)}
        for position, question in enumerate(content.questions, start=1)
    ]


def _example_first_shown(request, question_key: str) -> bool:
    """True the first time this session shows the question's example (it opens), False afterwards (folded)."""
    read = request.session.get(EXAMPLES_READ, [])
    if question_key in read:
        return False
    request.session[EXAMPLES_READ] = [*read, question_key]
    return True
