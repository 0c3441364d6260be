"""Who besides the owner may open a meeting prep: a **Share** gives one colleague a **Role** on it.

Access is decided in one place, ``preps.selectors.prep_access``, from this table; the sharing app writes it
(an invitation accepted, a role changed, a colleague removed).
"""

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    """What a colleague may do, each role including the one before. The owner is not a role here: the prep's
    ``owner`` is the owner, and only the owner shares, duplicates, deletes or exports it."""

    VIEWER = "viewer", "Viewer"
    COMMENTER = "commenter", "Commenter"
    EDITOR = "editor", "Editor"


ROLE_HELP = {
    Role.VIEWER: "reads the meeting prep and downloads its documents",
    Role.COMMENTER: "also comments on questions and people",
    Role.EDITOR: "also edits answers, meeting details, the roster and the brief",
}


class Share(models.Model):
    """A colleague's access to one meeting prep. Deleting the row revokes it: the next request is a 404."""

    prep = models.ForeignKey("MeetingPrep", on_delete=models.CASCADE, related_name="shares")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shares")
    role = models.CharField(max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "sharing_share"  # made by the sharing app before access moved here (preps 0006)
        constraints = [models.UniqueConstraint(fields=["prep", "user"], name="share_one_per_user")]

    def __str__(self) -> str:
        return f"Share of meeting prep {self.prep_id} with user {self.user_id}"
