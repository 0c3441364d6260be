"""Pages anyone can read."""

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
