"""Asking the invited people for their questions before the meeting (question 4).

A **QuestionRequest** is one ask of a prep's director: her message and the closing date. Each invited person
asked gets a **RequestLink**: a personal link whose random token is stored only as its SHA-256 hash
(``sharing.tokens``), with the address it was sent to. What they send is a **SentQuestion**: new until the
director accepts it into her expected questions or sets it aside. Everything hangs off the prep (CASCADE), so
deleting the prep or the account deletes it.
"""

from django.conf import settings
from django.db import models

from preps.models import ExpectedQuestion, MeetingPrep, Stakeholder

MESSAGE_MAX = 2000
QUESTION_MAX = 1000  # one question or concern: a few sentences


class QuestionRequest(models.Model):
    prep = models.ForeignKey(MeetingPrep, on_delete=models.CASCADE, related_name="question_requests")
    message = models.TextField(blank=True, max_length=MESSAGE_MAX)
    closes_on = models.DateField("closing date")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["prep", "-created_at", "-pk"]

    def __str__(self):
        return f"Question request {self.pk} in {self.prep_id}"


class RequestLink(models.Model):
    request = models.ForeignKey(QuestionRequest, on_delete=models.CASCADE, related_name="links")
    stakeholder = models.ForeignKey(Stakeholder, on_delete=models.CASCADE, related_name="question_links")
    email = models.EmailField("e-mail")  # the address it was sent to, as it was then
    token_hash = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    last_submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["request", "pk"]

    def __str__(self):
        # Not the address or the name: generic screens and logs must not show them.
        return f"Request link {self.pk} of {self.request_id}"


class SentQuestion(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        ACCEPTED = "accepted", "Accepted"
        SET_ASIDE = "set_aside", "Set aside"

    link = models.ForeignKey(RequestLink, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(max_length=QUESTION_MAX)
    may_name_me = models.BooleanField("may be named as the one who asked", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    accepted_as = models.ForeignKey(
        ExpectedQuestion, on_delete=models.SET_NULL, null=True, blank=True, related_name="sent_questions"
    )
    # When the director's digest e-mail told her of it (blank: not yet).
    digested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["link", "created_at", "pk"]
        indexes = [models.Index(fields=["digested_at"], name="sentquestion_digested")]

    def __str__(self):
        return f"Sent question {self.pk}"
