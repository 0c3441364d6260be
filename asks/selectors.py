"""Reads for asking the invited people: who was asked and what they sent, for the director's pages, the
documents and the export."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.http import Http404

from preps.models import MeetingPrep, Stakeholder
from worksheets.faq_search import Suggestion, suggest
from worksheets.models import FAQEntry

from .models import RequestLink, SentQuestion
from .services import link_is_open


@dataclass(frozen=True)
class SentQuestionRow:
    question: SentQuestion
    suggestions: list[Suggestion]


def invited_with_email(prep: MeetingPrep) -> list[Stakeholder]:
    """The prep's invited people who have an e-mail address: the ones she can ask."""
    return list(
        Stakeholder.objects.filter(prep=prep, invite=Stakeholder.Invite.INVITE)
        .exclude(person__email="")
        .select_related("person")
    )


def links_for_prep(prep: MeetingPrep) -> list[RequestLink]:
    """Everyone asked, newest ask first, each with ``is_open`` and ``question_count``."""
    links = list(
        RequestLink.objects.filter(request__prep=prep)
        .select_related("request__prep__work_group", "stakeholder")
        .prefetch_related("questions")
        .order_by("-request__created_at", "pk")
    )
    for link in links:
        link.is_open = link_is_open(link)
        link.question_count = len(link.questions.all())
    return links


def link_for_prep(prep: MeetingPrep, link_id: int) -> RequestLink:
    link = RequestLink.objects.filter(request__prep=prep, pk=link_id).select_related("request__prep").first()
    if link is None:
        raise Http404("No such link in this meeting prep.")
    return link


def sent_question_for_prep(prep: MeetingPrep, question_id: int) -> SentQuestion:
    question = (
        SentQuestion.objects.filter(link__request__prep=prep, pk=question_id)
        .select_related("link__request__prep", "link__stakeholder")
        .first()
    )
    if question is None:
        raise Http404("No such sent question in this meeting prep.")
    return question


def sent_questions(prep: MeetingPrep) -> list[SentQuestion]:
    return list(
        SentQuestion.objects.filter(link__request__prep=prep)
        .select_related("link__stakeholder", "accepted_as")
        .order_by("created_at", "pk")
    )


def sent_question_rows(prep: MeetingPrep) -> list[SentQuestionRow]:
    """Every sent question, oldest first; the new ones with the FAQ answers that fit them, best first (the
    worksheet's published entries read once, for all of them)."""
    questions = sent_questions(prep)
    new = {question.pk for question in questions if question.status == SentQuestion.Status.NEW}
    entries = []
    if new:
        entries = list(
            FAQEntry.objects.filter(worksheet_id=prep.worksheet_id, is_published=True).only(
                "pk", "question", "search_terms", "answer"
            )
        )
    return [
        SentQuestionRow(question, suggest(question.text, entries) if question.pk in new else [])
        for question in questions
    ]


def questions_of_link(link: RequestLink) -> list[SentQuestion]:
    """What this person sent (and no one else's)."""
    return list(link.questions.order_by("created_at", "pk"))


def sent_questions_export(*, preps: Iterable[MeetingPrep]) -> dict[int, list[dict]]:
    """Each prep's sent questions for the export: who, what, when, what became of it."""
    by_prep: dict[int, list[dict]] = {prep.pk: [] for prep in preps}
    rows = (
        SentQuestion.objects.filter(link__request__prep_id__in=list(by_prep))
        .select_related("link__request", "link__stakeholder")
        .order_by("created_at", "pk")
    )
    for question in rows:
        by_prep[question.link.request.prep_id].append(
            {
                "asked": question.link.stakeholder.name,
                "email": question.link.email,
                "text": question.text,
                "may_name_me": question.may_name_me,
                "status": question.status,
                "accepted_as": question.accepted_as_id,
                "sent_at": question.created_at.isoformat(),
            }
        )
    return by_prep
