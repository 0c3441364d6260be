"""A browser-like test client (CSRF enforced) and a snapshot of everything a request could change."""

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from preps.models import Answer, MeetingPrep
from worksheets.models import FAQEntry, Question, Tip, Worksheet


def stored_data() -> dict:
    """Every row a request could change: users, preps, answers and the worksheet content."""
    models = [get_user_model(), MeetingPrep, Answer, Worksheet, Question, Tip, FAQEntry]
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


class BrowserClient(Client):
    """Django's client with the CSRF check on, holding a real token the way a page does."""

    def __init__(self, user=None):
        super().__init__(enforce_csrf_checks=True)
        if user is not None:
            self.force_login(user)
        self.get(reverse("login"))  # sets the CSRF cookie
        self.csrf_token = self.cookies["csrftoken"].value
