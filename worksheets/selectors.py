"""Read access to meeting preps. Every view that touches a user's prep goes through here."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

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
