"""Question 4's FAQ suggestions as JSON for the page's script: ``GET ?q=<text>``, the owner's prep only."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from core.refusals import json_refusal
from worksheets.faq_search import QUERY_MAX_CHARS

from ..selectors import faq_suggestions_for_prep, prep_for_writer


@login_required
@require_GET
def faq_suggestions(request, pk):
    prep = prep_for_writer(request.user, pk)
    query = request.GET.get("q", "")
    if len(query) > QUERY_MAX_CHARS:
        return json_refusal(
            f"The question is too long to search: at most {QUERY_MAX_CHARS} characters.", status=400
        )
    if "\x00" in query:
        return json_refusal("The question holds a NUL character.", status=400)
    suggestions = [
        {"faq_id": s.faq_id, "question": s.question, "score": s.score, "matched": s.matched}
        for s in faq_suggestions_for_prep(prep, query)
    ]
    response = JsonResponse({"suggestions": suggestions})
    response["Cache-Control"] = "private, no-store"
    return response
