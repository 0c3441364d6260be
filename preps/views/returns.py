"""Where a plain form post of the roster goes back to: the step it was posted from, or the fill page."""

from django.urls import reverse

# The hidden field a step page adds to the roster's forms (``form="..."``): its number, never a URL.
STEP_FIELD = "step"


def return_to(request, prep, fragment: str = "") -> str:
    """The step named by the post's ``step`` field if it is one of this prep's, else the fill page; at
    ``fragment`` (``#roster``)."""
    step = request.POST.get(STEP_FIELD, "")
    if step.isdigit() and 1 <= int(step) <= prep.worksheet.questions.count():
        return reverse("prep_step", args=[prep.pk, int(step)]) + fragment
    return reverse("prep_fill", args=[prep.pk]) + fragment
