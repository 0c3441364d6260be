"""Read access to meeting preps. Every view that touches a user's prep goes through here."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import Answer, FAQEntry, MeetingPrep, Question, TipGroup, Worksheet


def prep_for_owner(user, pk) -> MeetingPrep:
    """The user's own prep, or 404 - the same answer whether the prep is someone else's or does not exist."""
    return get_object_or_404(MeetingPrep.objects.owned_by(user).select_related("worksheet"), pk=pk)


def preps_for_dashboard(user):
    return MeetingPrep.objects.owned_by(user).with_progress().select_related("worksheet")


def worksheet_with_content(worksheet_id) -> Worksheet:
    """A worksheet with its questions, tips and FAQ prefetched: a constant number of queries however long."""
    return Worksheet.objects.prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("position")),
        Prefetch("tip_groups", queryset=TipGroup.objects.order_by("position").prefetch_related("tips")),
        Prefetch("faq_entries", queryset=FAQEntry.objects.order_by("position")),
    ).get(pk=worksheet_id)


def answers_by_question(prep: MeetingPrep) -> dict[int, Answer]:
    return {answer.question_id: answer for answer in prep.answers.all()}


def account_export(user) -> dict:
    """All of one user's meeting preps and answers as plain data (JSON-ready), for them to keep."""
    preps = (
        MeetingPrep.objects.owned_by(user)
        .select_related("worksheet")
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.select_related("question")))
        .order_by("created_at", "pk")
    )
    return {
        "format": "prepmeet-export-1",
        "exported_at": timezone.now().isoformat(),
        "user": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
        },
        "meeting_preps": [
            {
                "meeting_title": prep.meeting_title,
                "meeting_date": prep.meeting_date.isoformat() if prep.meeting_date else None,
                "program_name": prep.program_name,
                "jurisdiction": prep.jurisdiction,
                "created_at": prep.created_at.isoformat(),
                "updated_at": prep.updated_at.isoformat(),
                "worksheet": {"slug": prep.worksheet.slug, "title": prep.worksheet.title},
                "answers": [
                    {
                        "question_position": answer.question.position,
                        "question": answer.question.prompt,
                        "text": answer.text,
                        "version": answer.version,
                        "updated_at": answer.updated_at.isoformat(),
                    }
                    for answer in sorted(prep.answers.all(), key=lambda answer: answer.question.position)
                ],
            }
            for prep in preps
        ],
    }
