"""Reads for sharing: who has access to a prep, its invitations, and its comments."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from preps.models import MeetingPrep, Share

from .models import Comment, Invitation


def shares_for_prep(prep: MeetingPrep) -> list[Share]:
    return list(Share.objects.filter(prep=prep).select_related("user").order_by("created_at", "pk"))


def prep_is_shared(prep: MeetingPrep) -> bool:
    return Share.objects.filter(prep=prep).exists()


def open_invitations(prep: MeetingPrep) -> list[Invitation]:
    """Invitations not yet accepted, newest first; expired ones are listed as expired."""
    return list(Invitation.objects.filter(prep=prep, accepted_at__isnull=True).order_by("-created_at", "pk"))


@dataclass
class PrepComments:
    """A prep's comments as the fill page shows them: open ones beside their question or person, and how
    many are resolved (listed folded)."""

    by_question: dict[int, list[Comment]] = field(default_factory=lambda: defaultdict(list))
    by_person: dict[int, list[Comment]] = field(default_factory=lambda: defaultdict(list))
    resolved_by_question: dict[int, list[Comment]] = field(default_factory=lambda: defaultdict(list))
    resolved_by_person: dict[int, list[Comment]] = field(default_factory=lambda: defaultdict(list))

    @property
    def all_groups(self) -> list[list[Comment]]:
        """Every comment, in lists (the page's resolve forms)."""
        groups = (self.by_question, self.by_person, self.resolved_by_question, self.resolved_by_person)
        return [items for group in groups for items in group.values()]

    @property
    def open_count(self) -> int:
        return sum(len(items) for items in self.by_question.values()) + sum(
            len(items) for items in self.by_person.values()
        )


def comments_for_prep(prep: MeetingPrep) -> PrepComments:
    """All the prep's comments in one query, grouped by what they are about."""
    grouped = PrepComments()
    for comment in Comment.objects.filter(prep=prep).select_related("author", "resolved_by", "stakeholder"):
        if comment.stakeholder_id is not None:
            target = grouped.by_person if comment.is_open else grouped.resolved_by_person
            target[comment.stakeholder_id].append(comment)
        else:
            target = grouped.by_question if comment.is_open else grouped.resolved_by_question
            target[comment.question_id].append(comment)
    return grouped


def open_comment_counts(prep_ids) -> dict[int, int]:
    """Open comments per prep, for the dashboard: one query for a page of preps."""
    rows = (
        Comment.objects.filter(prep_id__in=list(prep_ids), resolved_at__isnull=True)
        .values("prep_id")
        .annotate(n=Count("pk"))
    )
    return {row["prep_id"]: row["n"] for row in rows}


def comments_for_notes(prep: MeetingPrep) -> list[Comment]:
    """Every comment, open and resolved, in the order they were written: the notes' appendix, when asked."""
    return list(
        Comment.objects.filter(prep=prep)
        .select_related("author", "resolved_by", "question", "stakeholder")
        .order_by("created_at", "pk")
    )


def comments_about_entries(entry_ids: list[int]) -> dict[int, list[Comment]]:
    """Colleagues' comments about these roster entries (one person's, on the meetings the reader may open),
    by entry, oldest first: one query."""
    grouped: dict[int, list[Comment]] = {entry_id: [] for entry_id in entry_ids}
    for comment in Comment.objects.filter(stakeholder_id__in=entry_ids).select_related("author"):
        grouped[comment.stakeholder_id].append(comment)
    return grouped
