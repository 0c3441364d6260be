"""Reads of meeting preps. Every view, document and export that touches a user's prep goes through here."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, Count, DateField, Exists, F, OuterRef, Prefetch, Q, Subquery, When
from django.db.models.functions import Coalesce, TruncDate
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core import contributions
from core.ids import ROW_ID_MAX
from core.saves import changed_by, conflict_message  # noqa: F401 (the views import them from here)
from worksheets.faq_search import Suggestion, suggest
from worksheets.models import FAQEntry, Question, Worksheet
from worksheets.selectors import worksheet_with_content

from .models import (
    HISTORY_COALESCE,
    Answer,
    AnswerRevision,
    EngagementPlan,
    ExpectedQuestion,
    MeetingPrep,
    Person,
    Role,
    Share,
    Stakeholder,
    StakeholderRevision,
    WorkGroup,
)

OWNER = "owner"


@dataclass(frozen=True)
class PrepAccess:
    """A prep and what this user may do with it: ``role`` is "owner" or a ``models.Role``."""

    prep: MeetingPrep
    role: str

    @property
    def is_owner(self) -> bool:
        return self.role == OWNER

    @property
    def can_edit(self) -> bool:
        return self.role in (OWNER, Role.EDITOR)

    @property
    def can_comment(self) -> bool:
        return self.role in (OWNER, Role.EDITOR, Role.COMMENTER)

    @property
    def can_resolve(self) -> bool:
        return self.can_edit


def prep_access(user, pk) -> PrepAccess:
    """The prep and the user's role on it, in one query; 404 for anyone without access - the same answer
    whether the prep is someone else's, was revoked, or does not exist, so a 404 tells nothing."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    return _access_of(user, _accessible(user, pk).first())


def preps_readable_by(user):
    """The preps ``user`` may open (owns, or has been shared with), each annotated with their ``shared_role``
    (None for the owner): the one rule of read access, for a single prep and for every list that spans
    several (a series)."""
    shares = Share.objects.filter(prep=OuterRef("pk"), user=user)
    return MeetingPrep.objects.annotate(shared_role=Subquery(shares.values("role")[:1])).filter(
        Q(owner=user) | Q(shared_role__isnull=False)
    )


def _accessible(user, pk):
    """The prep ``pk`` if ``user`` owns it or it is shared with them, annotated with their ``shared_role``."""
    return preps_readable_by(user).filter(pk=pk).select_related("worksheet", "owner")


def _access_of(user, prep: MeetingPrep | None) -> PrepAccess:
    if prep is None:
        raise Http404
    return PrepAccess(prep=prep, role=OWNER if prep.owner_id == user.pk else prep.shared_role)


def _refused(access: PrepAccess, what: str, who: str) -> PermissionDenied:
    owner = access.prep.owner.get_full_name() or "its owner"
    return PermissionDenied(
        f"You can read this meeting prep, but {what} is for {who}. Ask {owner} if you need more access."
    )


def prep_for_reader(user, pk) -> MeetingPrep:
    """Read access (owner, editor, commenter, viewer): the documents, the series. Pages that differ by role
    (the fill page) use ``prep_access``."""
    return prep_access(user, pk).prep


def prep_for_commenter(user, pk) -> MeetingPrep:
    """Comment access (owner, editor, commenter); a viewer gets 403, anyone else 404."""
    access = prep_access(user, pk)
    if not access.can_comment:
        raise _refused(access, "commenting", "commenters, editors and the owner")
    return access.prep


def prep_for_writer(user, pk) -> MeetingPrep:
    """Write access (owner, editor): answers, details, roster, brief, outcome. A viewer or commenter gets 403
    with a message, anyone else 404."""
    access = prep_access(user, pk)
    if not access.can_edit:
        raise _refused(access, "editing", "its editors and owner")
    return access.prep


def prep_for_owner(user, pk) -> MeetingPrep:
    """The user's own prep: sharing, copying, deleting and exporting are the owner's alone. A colleague gets
    403, anyone else 404."""
    access = prep_access(user, pk)
    if not access.is_owner:
        raise _refused(access, "sharing, copying or deleting it", "its owner alone")
    return access.prep


def answer_last_editor(answer: Answer):
    """Who saved the answer's current text (its latest revision's author), or None if unknown."""
    if answer.pk is None:
        return None
    revision = AnswerRevision.objects.filter(answer=answer).select_related("author").first()
    return revision.author if revision is not None else None


def stakeholder_last_editor(person: Stakeholder):
    """Who last saved a field of this person on the roster, or None if unknown."""
    revision = StakeholderRevision.objects.filter(stakeholder=person).select_related("author").first()
    return revision.author if revision is not None else None


def preps_shared_with(user) -> list[Share]:
    """The preps colleagues shared with this user ("Shared with me"), with the owner's name and the role,
    soonest meeting first, each with its count of open comments."""
    open_comments = Count("prep__comments", filter=Q(prep__comments__resolved_at__isnull=True))
    return list(
        Share.objects.filter(user=user)
        .select_related("prep", "prep__owner")
        .annotate(open_comment_count=open_comments)
        .order_by(F("prep__meeting_date").asc(nulls_last=True), "-prep__updated_at", "pk")
    )


DASHBOARD_PAGE_SIZE = 15


def _dashboard_order(preps):
    upcoming = When(meeting_date__gte=timezone.localdate(), then=F("meeting_date"))
    return preps.annotate(upcoming_date=Case(upcoming, output_field=DateField())).order_by(
        F("upcoming_date").asc(nulls_last=True), "-updated_at", "-pk"
    )


def _own_preps(user, search: str):
    preps = MeetingPrep.objects.owned_by(user)
    return preps.filter(meeting_title__icontains=search) if search else preps


def preps_for_dashboard(user, *, search: str = ""):
    """The user's preps with their progress, upcoming meetings first (soonest first, today included), then
    the rest (past or undated), most recently edited first. "Today" is the site's date (``TIME_ZONE``), not
    the machine's. ``search`` keeps the preps whose meeting title holds it (case-insensitive)."""
    return _dashboard_order(_own_preps(user, search)).with_progress().select_related("worksheet")


def dashboard_page(user, *, search: str = "", page_number: str | int | None = 1) -> Page:
    """One page of ``preps_for_dashboard``, in the same order. The page is chosen on the ordering alone (a
    subquery of its ids) and only its rows get the progress subqueries, so a user with 1,000 preps costs
    hardly more than one with 25. A page number past the end (or not a number) gives the nearest real page
    (``Paginator.get_page``)."""
    page = Paginator(_dashboard_order(_own_preps(user, search)), DASHBOARD_PAGE_SIZE).get_page(page_number)
    rows = MeetingPrep.objects.filter(pk__in=page.object_list.values("pk"))
    page.object_list = list(_dashboard_order(rows).with_progress().select_related("worksheet"))
    return page


def stakeholder_for_prep(prep: MeetingPrep, person_id: int) -> Stakeholder:
    """A person on this prep's roster, or 404 (another prep's person too)."""
    return get_object_or_404(Stakeholder, prep=prep, pk=person_id)


def roster_for_prep(prep: MeetingPrep) -> list[Stakeholder]:
    """The prep's roster in its order (the power map's fragment; who may ask a question 4 question)."""
    return list(Stakeholder.objects.filter(prep=prep).order_by("position", "pk"))


def prep_count(user) -> int:
    return MeetingPrep.objects.owned_by(user).count()


def account_summary(user) -> dict:
    """What the account page says of the user's meeting preps."""
    return {"prep_count": prep_count(user)}


def answer_for_question(prep: MeetingPrep, question: Question) -> Answer | None:
    return Answer.objects.filter(prep=prep, question=question).first()


def question_for_prep(prep: MeetingPrep, key: str) -> Question:
    """The question of the prep's worksheet named ``key``, or 404."""
    return get_object_or_404(Question, worksheet_id=prep.worksheet_id, key=key)


@dataclass(frozen=True)
class StoredAnswer:
    """An answer as a save finds it: enough to check the version, keep the history and tell a retry from a
    conflict without reading the row again. ``pk`` None: never saved (its row is made on the first save)."""

    pk: int | None = None
    text: str = ""
    version: int = 0
    # The saving author holds the answer's open revision, started within HISTORY_COALESCE and not a restore:
    # this save continues it and the history is not written (``preps.services.answer_save``).
    continues_revision: bool = False


def _continues_revision(author_id: int | None, now: datetime, **answer) -> Exists:
    """Whether the answer (``answer`` filters the revisions by it) has ``author_id``'s open revision, one
    this author's next save continues."""
    return Exists(
        AnswerRevision.objects.filter(
            **answer,
            text__isnull=True,
            author_id=author_id,
            restored_from__isnull=True,
            started_at__gt=now - HISTORY_COALESCE,
        )
    )


def stored_answer(prep: MeetingPrep, question: Question, author_id: int | None) -> StoredAnswer:
    """The answer as it is before a save by ``author_id`` (one query)."""
    row = (
        Answer.objects.filter(prep=prep, question=question)
        .annotate(continues_revision=_continues_revision(author_id, timezone.now(), answer=OuterRef("pk")))
        .values("pk", "text", "version", "continues_revision")
        .first()
    )
    return StoredAnswer(**row) if row else StoredAnswer()


@dataclass(frozen=True)
class AnswerTarget:
    """What an autosave needs before it writes, read in one query by ``answer_target_for_writer``."""

    prep: MeetingPrep
    question: Question  # only its pk, key and worksheet are read
    stored: StoredAnswer  # the answer before this save


def answer_target_for_writer(user, pk, question_key: str) -> AnswerTarget:
    """``prep_for_writer``, ``question_for_prep`` and ``stored_answer`` in one query: the prep, the question
    of its worksheet named ``question_key`` and its answer as it is before the save. The same refusals: 404
    without access or for an unknown question, 403 for a colleague who may not edit.

    The one read of every autosave, so it is SQL written once (``_answer_target_sql``) rather than a
    queryset: the ORM spent ~2/3 of an autosave's CPU compiling its six subqueries on each request."""
    if not getattr(user, "is_authenticated", False) or not 0 < int(pk) <= ROW_ID_MAX:
        raise Http404  # an id no row can have (the ORM's lookups would have matched none)
    since = connection.ops.adapt_datetimefield_value(timezone.now() - HISTORY_COALESCE)
    with connection.cursor() as cursor:
        cursor.execute(_answer_target_sql(), [user.pk, since, user.pk, question_key, pk, user.pk])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    prep_id, owner_id, worksheet_id, role, question_id, answer_id, text, version, continues = row
    prep = MeetingPrep(pk=prep_id, owner_id=owner_id, worksheet_id=worksheet_id)
    prep.shared_role = role
    access = _access_of(user, prep)
    if not access.can_edit:
        raise _refused(access, "editing", "its editors and owner")
    if question_id is None:
        raise Http404
    question = Question(pk=question_id, worksheet_id=worksheet_id, key=question_key)
    if answer_id is None:
        return AnswerTarget(prep=prep, question=question, stored=StoredAnswer())
    stored = StoredAnswer(pk=answer_id, text=text, version=version, continues_revision=bool(continues))
    return AnswerTarget(prep=prep, question=question, stored=stored)


@cache
def _answer_target_sql() -> str:
    """The prep ``pk`` if the user owns it or it is shared with them (their role), the question of its
    worksheet with the key given, its answer, and whether the user's open revision of that answer goes on
    (``_continues_revision``). Parameters: user, the revision's earliest start, user, key, prep, user."""
    table = {
        model: connection.ops.quote_name(model._meta.db_table)
        for model in (MeetingPrep, Share, Question, Answer, AnswerRevision)
    }
    return f"""
        SELECT p.id, p.owner_id, p.worksheet_id, s.role, q.id, a.id, a.text, a.version,
            EXISTS (
                SELECT 1 FROM {table[AnswerRevision]} r
                WHERE r.answer_id = a.id AND r.text IS NULL AND r.author_id = %s
                    AND r.restored_from_id IS NULL AND r.started_at > %s
            )
        FROM {table[MeetingPrep]} p
        LEFT JOIN {table[Share]} s ON s.prep_id = p.id AND s.user_id = %s
        LEFT JOIN {table[Question]} q ON q.worksheet_id = p.worksheet_id AND q.key = %s
        LEFT JOIN {table[Answer]} a ON a.prep_id = p.id AND a.question_id = q.id
        WHERE p.id = %s AND (p.owner_id = %s OR s.role IS NOT NULL)
    """  # noqa: S608 - table names from the models, quoted; every value is a parameter


def prep_answered_count(prep: MeetingPrep) -> int:
    """How many of the prep's questions hold words (``models.blank``), counted in SQL."""
    return MeetingPrep.objects.with_progress().values_list("answered_count", flat=True).get(pk=prep.pk)


@dataclass(frozen=True)
class PrepContent:
    """A prep with its worksheet's content and its answers: what the fill page, the documents and the export
    read, in a constant number of queries however long the worksheet."""

    prep: MeetingPrep
    worksheet: Worksheet
    questions: list[Question]
    answers: dict[int, Answer]  # by question pk; a question never saved has none
    stakeholders: list[Stakeholder] = field(default_factory=list)  # the roster, by position
    # Question 4's list, by position, with ``askers`` and ``faq_entries`` prefetched.
    expected_questions: list[ExpectedQuestion] = field(default_factory=list)

    def answer_text(self, question: Question) -> str:
        answer = self.answers.get(question.pk)
        return answer.text if answer else ""

    def is_answered(self, question: Question) -> bool:
        """Its free text holds words, or (questions 2 and 3) a person's field for it does: the same rule as
        the dashboard's SQL (``MeetingPrepQuerySet.with_progress``)."""
        answer = self.answers.get(question.pk)
        if answer and answer.is_answered:
            return True
        return any(person.answers_question(question.key) for person in self.stakeholders)

    @property
    def answered_count(self) -> int:
        return sum(1 for question in self.questions if self.is_answered(question))


def preps_with_content(preps: Iterable[MeetingPrep]) -> list[PrepContent]:
    """Each prep with its content; each worksheet is read once, however many preps share it."""
    preps = list(preps)
    answers: dict[int, dict[int, Answer]] = {prep.pk: {} for prep in preps}
    for answer in Answer.objects.filter(prep__in=preps):
        answers[answer.prep_id][answer.question_id] = answer
    stakeholders: dict[int, list[Stakeholder]] = {prep.pk: [] for prep in preps}
    for person in Stakeholder.objects.filter(prep__in=preps).order_by("prep", "position", "pk"):
        stakeholders[person.prep_id].append(person)
    expected: dict[int, list[ExpectedQuestion]] = {prep.pk: [] for prep in preps}
    for question in (
        ExpectedQuestion.objects.filter(prep__in=preps)
        .order_by("prep", "position", "pk")
        .prefetch_related(
            Prefetch("askers", queryset=Stakeholder.objects.order_by("position", "pk")), "faq_entries"
        )
    ):
        expected[question.prep_id].append(question)
    worksheets = {pk: worksheet_with_content(pk) for pk in {prep.worksheet_id for prep in preps}}
    return [
        PrepContent(
            prep=prep,
            worksheet=worksheets[prep.worksheet_id],
            questions=list(worksheets[prep.worksheet_id].questions.all()),
            answers=answers[prep.pk],
            stakeholders=stakeholders[prep.pk],
            expected_questions=expected[prep.pk],
        )
        for prep in preps
    ]


def prep_with_content(prep: MeetingPrep) -> PrepContent:
    return preps_with_content([prep])[0]


def preps_for_export(user) -> list[PrepContent]:
    preps = MeetingPrep.objects.owned_by(user).select_related("worksheet").order_by("created_at", "pk")
    return preps_with_content(preps)


def meeting_preps_export(user) -> list[dict]:
    """The account export's "meeting_preps": each of the user's preps with the sections the apps that build on
    preps give for it (``core.contributions.prep_export``: its brief, its outcome)."""
    contents = preps_for_export(user)
    sections = contributions.prep_export.collect(preps=[content.prep for content in contents])
    return [
        {**prep_export(content), **{name: by_prep[content.prep.pk] for name, by_prep in sections.items()}}
        for content in contents
    ]


def prep_export(content: PrepContent) -> dict:
    """One prep as plain data (JSON-ready): its details and every answer, questions named by their key."""
    prep = content.prep
    return {
        "meeting_title": prep.meeting_title,
        "meeting_date": prep.meeting_date.isoformat() if prep.meeting_date else None,
        "program_name": prep.program_name,
        "jurisdiction": prep.jurisdiction,
        "previous_meeting_prep": prep.previous_id,  # the series (outcomes app): this export's ``id`` of it
        "id": prep.pk,
        "created_at": prep.created_at.isoformat(),
        "updated_at": prep.updated_at.isoformat(),
        "worksheet": {"slug": content.worksheet.slug, "title": content.worksheet.title},
        "answers": [
            {
                "question_key": question.key,
                "question_position": question.position,
                "question": question.prompt,
                "text": answer.text,
                "version": answer.version,
                "updated_at": answer.updated_at.isoformat(),
            }
            for question in content.questions
            if (answer := content.answers.get(question.pk))
        ],
        "stakeholders": [
            {
                "id": person.pk,
                "position": person.position,
                "name": person.name,
                "role": person.role,
                "organisation": person.organisation,
                "kind": person.kind,
                "invite": person.invite,
                "expertise": person.expertise,
                "what_matters": person.what_matters,
                "concerns": person.concerns,
                "influence": person.influence,
                "stance": person.stance,
                "version": person.version,
                "updated_at": person.updated_at.isoformat(),
            }
            for person in content.stakeholders
        ],
        "expected_questions": [
            {
                "position": question.position,
                "text": question.text,
                "answer": question.answer,
                "asked_by": [person.pk for person in question.askers.all()],
                "faq_entries": [entry.question for entry in question.faq_entries.all()],
                "version": question.version,
                "updated_at": question.updated_at.isoformat(),
            }
            for question in content.expected_questions
        ],
    }


def faq_suggestions_for_prep(prep: MeetingPrep, query: str) -> list[Suggestion]:
    """The published FAQ entries of the prep's worksheet that answer ``query`` (question 4), best first."""
    entries = FAQEntry.objects.filter(worksheet_id=prep.worksheet_id, is_published=True).only(
        "pk", "question", "search_terms", "answer"
    )
    return suggest(query, entries)


# Question 4: the questions the director expects


def expected_question_for_prep(prep: MeetingPrep, expected_question_id: int) -> ExpectedQuestion:
    """One of question 4's expected questions of this prep, with its askers and FAQ entries, or 404 (another
    prep's question too)."""
    questions = ExpectedQuestion.objects.prefetch_related(
        Prefetch("askers", queryset=Stakeholder.objects.order_by("position", "pk")), "faq_entries"
    )
    return get_object_or_404(questions, prep=prep, pk=expected_question_id)


def faq_entries_for_prep(prep: MeetingPrep):
    """The published FAQ entries of the prep's worksheet in order: what an expected question may link."""
    return FAQEntry.objects.filter(worksheet_id=prep.worksheet_id, is_published=True).order_by("position")


def answer_history(answer: Answer | None) -> list[AnswerRevision]:
    """The answer's revisions, newest first (the first is its current text). The open revision shows the
    answer's text, version and last save, which are its own (``models.history``)."""
    if answer is None or answer.pk is None:
        return []
    revisions = list(AnswerRevision.objects.filter(answer=answer).select_related("author"))
    for revision in revisions:
        if revision.is_open:
            revision.text, revision.version, revision.saved_at = (
                answer.text,
                answer.version,
                answer.updated_at,
            )
    return revisions


# A work group's people. Whoever may open one of the group's meetings sees its people, and on a person's page
# only the meetings she may open (``preps_readable_by``: the one rule of read access).


@dataclass(frozen=True)
class GroupAccess:
    """A work group, the meetings of it this user may open (earliest first), and whether she may edit its
    people: the group's owner, or an editor of one of its meetings."""

    group: WorkGroup
    meetings: list[MeetingPrep]
    can_edit: bool

    @property
    def meeting_ids(self) -> list[int]:
        return [meeting.pk for meeting in self.meetings]


def _meeting_order(preps):
    """By meeting date; a meeting without one where it was made (its creation day)."""
    day = Coalesce("meeting_date", TruncDate("created_at"), output_field=DateField())
    return preps.order_by(day, "pk")


def work_group_access(user, group_id: int) -> GroupAccess:
    """The group as ``user`` may see it, in one query; 404 if she may open none of its meetings."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    meetings = list(
        _meeting_order(preps_readable_by(user).filter(work_group_id=group_id)).select_related("work_group")
    )
    if not meetings:
        raise Http404
    group = meetings[0].work_group
    can_edit = group.owner_id == user.pk or any(m.shared_role == Role.EDITOR for m in meetings)
    return GroupAccess(group=group, meetings=meetings, can_edit=can_edit)


def work_group_for_people_editor(user, group_id: int) -> GroupAccess:
    """The group for a change to its people: 403 with a reason for a reader who may not edit, else 404."""
    access = work_group_access(user, group_id)
    if not access.can_edit:
        raise PermissionDenied(
            "You can read this work group’s people, but changing them is for its owner and the editors of "
            "its meetings."
        )
    return access


def people_of_group(group: WorkGroup, meeting_ids: list[int]) -> list[Person]:
    """The group's directory, by name, each with ``meeting_count``: on how many of ``meeting_ids`` (the
    meetings the reader may open) they are on the roster."""
    on_her_meetings = Count("roster_entries", filter=Q(roster_entries__prep_id__in=meeting_ids))
    return list(Person.objects.filter(work_group=group).annotate(meeting_count=on_her_meetings))


def people_to_invite(prep: MeetingPrep) -> list[Person]:
    """The group's people not on this meeting's roster yet (the roster's "add from the group's people")."""
    on_roster = Stakeholder.objects.filter(prep=prep, person=OuterRef("pk"))
    return list(Person.objects.filter(work_group_id=prep.work_group_id).exclude(Exists(on_roster)))


def work_group_team(group: WorkGroup) -> list:
    """The group's team: its owner and everyone invited to one of its meetings, by name."""
    from django.contrib.auth import get_user_model  # noqa: PLC0415 - the user model is known once apps load

    User = get_user_model()
    team = User.objects.filter(Q(pk=group.owner_id) | Q(shares__prep__work_group=group)).distinct()
    return list(team.order_by("first_name", "last_name", "username", "pk"))


@dataclass(frozen=True)
class PersonPage:
    """One person across the group's meetings she may open: their roster entry at each (earliest first,
    with the questions they may ask there), their engagement plan (None until one is made) and the team."""

    access: GroupAccess
    person: Person
    entries: list[Stakeholder]
    plan: EngagementPlan | None
    team: list = field(default_factory=list)


def person_page(user, group_id: int, person_id: int) -> PersonPage:
    """The person page's data in a fixed number of queries; 404 for a person of another group, or a group
    she may open no meeting of."""
    access = work_group_access(user, group_id)
    person = get_object_or_404(
        Person.objects.select_related("updated_by"), work_group=access.group, pk=person_id
    )
    entries = list(
        Stakeholder.objects.filter(person=person, prep_id__in=access.meeting_ids)
        .select_related("prep")
        .prefetch_related(Prefetch("expected_questions", ExpectedQuestion.objects.order_by("position", "pk")))
    )
    order = {pk: n for n, pk in enumerate(access.meeting_ids)}
    entries.sort(key=lambda entry: order[entry.prep_id])
    plan = EngagementPlan.objects.filter(person=person).select_related("owner").first()
    return PersonPage(
        access=access, person=person, entries=entries, plan=plan, team=work_group_team(access.group)
    )


def engagement_steps_due(user) -> list[EngagementPlan]:
    """The open next steps with a date that ``user`` owns, or that nobody owns in her own groups: the
    dashboard lists them beside the commitments, soonest first."""
    mine = Q(owner=user) | Q(owner__isnull=True, person__work_group__owner=user)
    plans = EngagementPlan.objects.filter(mine, done=False, due__isnull=False).exclude(next_step="")
    return list(plans.select_related("person", "owner").order_by("due", "pk")[:50])


def engagement_plans_for_notes(roster: list[Stakeholder]) -> list[EngagementPlan]:
    """The engagement plans of the people on a meeting's ``roster`` (its entries, in order) that hold an
    approach or a step, in the roster's order: the private notes show them (the brief never does). One
    query; none for an empty roster."""
    order = [entry.person_id for entry in roster]
    plans = EngagementPlan.objects.filter(person_id__in=order).exclude(approach="", next_step="")
    by_person = {plan.person_id: plan for plan in plans.select_related("person", "owner")}
    return [by_person[person_id] for person_id in order if person_id in by_person]


def invited_with_email(prep: MeetingPrep) -> list[tuple[str, str]]:
    """(name, e-mail) of the people invited to this meeting who have an e-mail address, in the roster's
    order: the calendar event's attendees."""
    entries = (
        Stakeholder.objects.filter(prep=prep, invite=Stakeholder.Invite.INVITE)
        .exclude(person__email="")
        .order_by("position", "pk")
        .values_list("person__name", "person__email")
    )
    return list(entries)
