"""Pages anyone can read."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..models import Worksheet
from ..selectors import worksheet_with_content


def _published_worksheet():
    worksheet = Worksheet.objects.published().order_by("pk").first()
    return worksheet_with_content(worksheet.pk) if worksheet else None


@require_GET
def home(request):
    return render(request, "worksheets/home.html", {"worksheet": _published_worksheet()})


@require_GET
def faq(request):
    return render(request, "worksheets/faq.html", {"worksheet": _published_worksheet()})


def csrf_failure(request, reason=""):
    """A refused form (an old page, a blocked cookie), said plainly; the autosave script gets JSON to show."""
    if request.headers.get("X-Requested-With") == "fetch":
        message = "This page is out of date or you were signed out. Reload the page; your text is kept here."
        return JsonResponse({"status": "invalid", "message": message}, status=403)
    return render(request, "403_csrf.html", status=403)
