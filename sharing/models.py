"""The invitations that make a colleague of someone, and colleagues' comments.

Access itself (``preps.models.Share``, its ``Role``) belongs to preps, which decides it in one place,
``preps.selectors.prep_access``; sharing writes it when an invitation is accepted, a role changed or revoked.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from preps.models import Role

INVITATION_DAYS = 7
COMMENT_MAX = 5_000


class Invitation(models.Model):
    """An e-mailed, single-use link to become a colleague on one meeting prep (``prep``) or on a whole work
    group's team (``work_group``): one or the other. Only a hash of the token is stored, so the table (a
    backup, the admin) cannot be used to accept anything."""

    prep = models.ForeignKey(
        "preps.MeetingPrep", on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    work_group = models.ForeignKey(
        "preps.WorkGroup", on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    email = models.EmailField(max_length=254)  # lower-cased
    role = models.CharField(max_length=16, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            # One open invitation per address and prep: inviting again replaces it (a new link).
            models.UniqueConstraint(
                fields=["prep", "email"], condition=Q(accepted_at__isnull=True), name="invitation_one_open"
            ),
            models.UniqueConstraint(
                fields=["work_group", "email"],
                condition=Q(accepted_at__isnull=True),
                name="invitation_one_open_per_group",
            ),
            models.CheckConstraint(
                condition=Q(prep__isnull=False, work_group__isnull=True)
                | Q(prep__isnull=True, work_group__isnull=False),
                name="invitation_to_one_thing",
            ),
        ]

    def __str__(self) -> str:
        if self.work_group_id:
            return f"Invitation {self.pk} to work group {self.work_group_id}"
        return f"Invitation {self.pk} to meeting prep {self.prep_id}"

    @property
    def owner_id(self) -> int:
        return self.work_group.owner_id if self.work_group_id else self.prep.owner_id

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class Comment(models.Model):
    """A colleague's (or the owner's) remark on one question or one person on the roster; the owner and
    editors resolve it. Never in the meeting brief; in the preparation notes only when asked for."""

    prep = models.ForeignKey("preps.MeetingPrep", on_delete=models.CASCADE, related_name="comments")
    question = models.ForeignKey(
        "worksheets.Question", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    stakeholder = models.ForeignKey(
        "preps.Stakeholder", on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(max_length=COMMENT_MAX)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # When the owner's digest e-mail counted it (``services.comment_digests_send``); blank: not yet.
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(question__isnull=False, stakeholder__isnull=True)
                | Q(question__isnull=True, stakeholder__isnull=False),
                name="comment_on_one_thing",
            )
        ]
        indexes = [models.Index(fields=["prep", "resolved_at"], name="comment_open_by_prep")]

    def __str__(self) -> str:
        return f"Comment {self.pk} on meeting prep {self.prep_id}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
