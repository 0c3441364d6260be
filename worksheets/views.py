"""Pages anyone can read: the home page and the FAQ."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from .selectors import default_worksheet_with_content


@require_GET
def home(request):
    return render(request, "worksheets/home.html", {"worksheet": default_worksheet_with_content()})


@require_GET
def faq(request):
    return render(request, "worksheets/faq.html", {"worksheet": default_worksheet_with_content()})
