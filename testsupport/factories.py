"""Builders for the things tests and benchmarks need: users, the seed worksheet, meeting preps, answers.

Every test and ``bench/`` script makes its data here, so a new field or rule is taught to one place.
"""

from django.contrib.auth import get_user_model
from django.core.management import call_command

from preps.models import Answer, MeetingPrep, WorkGroup
from preps.roster_forms import DETAIL_FIELDS, ROW_FIELDS
from worksheets.models import FAQEntry, Question, Tip, TipGroup, Worksheet

SEED_SLUG = "preparing-to-meet-with-public-safety-stakeholders"
PASSWORD = "correct horse battery staple"


def user_create(username: str, *, password: str = PASSWORD, email_verified: bool = False, **extra):
    """A user with the address <username>@example.org, unverified unless ``email_verified``."""
    extra.setdefault("email", f"{username}@example.org")
    user = get_user_model().objects.create_user(username=username, password=password, **extra)
    if email_verified:
        from accounts.services import email_mark_verified  # keep factories' imports light

        email_mark_verified(user=user)
    return user


def seed_worksheet() -> Worksheet:
    """The published seed worksheet, loaded from its fixture (once: ``load_content`` leaves it if there)."""
    call_command("load_content", verbosity=0)
    return Worksheet.objects.get(slug=SEED_SLUG)


def work_group_create(*, owner, **details) -> WorkGroup:
    details.setdefault("name", "Public Safety Work Group")
    details.setdefault("program_name", "CARE Team")
    details.setdefault("jurisdiction", "Springfield")
    details.setdefault("time_zone", "America/Chicago")
    return WorkGroup.objects.create(owner=owner, **details)


def prep_create(
    *, owner, worksheet: Worksheet | None = None, work_group: WorkGroup | None = None, **details
) -> MeetingPrep:
    """A meeting prep of ``work_group``, or of a new group of one with the prep's program and city."""
    details.setdefault("meeting_title", "First public safety work group")
    details.setdefault("program_name", "CARE Team")
    details.setdefault("jurisdiction", "Springfield")
    if work_group is None:
        work_group = work_group_create(
            owner=owner,
            name=details["meeting_title"],
            program_name=details["program_name"],
            jurisdiction=details["jurisdiction"],
        )
    return MeetingPrep.objects.create(
        owner=owner, worksheet=worksheet or seed_worksheet(), work_group=work_group, **details
    )


def answer_create(*, prep: MeetingPrep, question: Question | int, text: str, version: int = 1) -> Answer:
    """An answer as if saved ``version`` times. ``question`` is a Question or its position."""
    if isinstance(question, int):
        question = prep.worksheet.questions.get(position=question)
    return Answer.objects.create(prep=prep, question=question, text=text, version=version)


def answers_fill(prep: MeetingPrep, text: str = "My answer to {prompt}", version: int = 1) -> list[Answer]:
    """Every question of the prep answered (replacing any answers it had)."""
    Answer.objects.filter(prep=prep).delete()
    return Answer.objects.bulk_create(
        Answer(prep=prep, question=question, text=text.format(prompt=question.prompt), version=version)
        for question in prep.worksheet.questions.all()
    )


def worksheet_grow(prep: MeetingPrep, factor: int) -> MeetingPrep:
    """The prep, its worksheet grown ``factor`` times, every question answered (query-count tests, bench)."""
    worksheet = prep.worksheet
    counts = {
        "questions": worksheet.questions.count(),
        "faq": worksheet.faq_entries.count(),
        "groups": worksheet.tip_groups.count(),
    }
    Question.objects.bulk_create(
        Question(
            worksheet=worksheet,
            key=f"extra-{n}",
            position=100 + n,
            prompt=f"Extra question {n}?",
            example=f"*Example* {n}",
        )
        for n in range(counts["questions"] * (factor - 1))
    )
    FAQEntry.objects.bulk_create(
        FAQEntry(worksheet=worksheet, position=100 + n, question=f"Q{n}?", answer=f"A{n}.", sources=f"- S{n}")
        for n in range(counts["faq"] * (factor - 1))
    )
    groups = TipGroup.objects.bulk_create(
        TipGroup(worksheet=worksheet, position=100 + n, title=f"Group {n}")
        for n in range(counts["groups"] * (factor - 1))
    )
    Tip.objects.bulk_create(
        Tip(group=group, position=n, text=f"Tip {n}") for group in groups for n in range(factor)
    )
    answers_fill(prep)
    return prep


def worksheet_create(*, slug: str, title: str, **fields) -> Worksheet:
    """A worksheet an admin added (the seed one comes from ``seed_worksheet``)."""
    return Worksheet.objects.create(slug=slug, title=title, **fields)


def question_create(*, worksheet: Worksheet, key: str, position: int, prompt: str, **fields) -> Question:
    return Question.objects.create(worksheet=worksheet, key=key, position=position, prompt=prompt, **fields)


def stakeholder_create(*, prep: MeetingPrep, name: str, position: int | None = None, **fields):
    """A person on the prep's roster, at the end unless ``position`` is given."""
    from preps.models import Stakeholder

    if position is None:
        position = prep.stakeholders.count()
    person = fields.pop("person", None) or person_create(
        work_group=prep.work_group,
        name=name,
        title=fields.get("role", ""),
        agency=fields.get("organisation", ""),
        kind=fields.get("kind", "other"),
    )
    return Stakeholder.objects.create(prep=prep, person=person, name=name, position=position, **fields)


def person_create(*, work_group, name: str, **fields):
    """A person in the work group's directory."""
    from preps.models import Person

    return Person.objects.create(work_group=work_group, name=name, **fields)


def roster_fill(prep: MeetingPrep, count: int, **fields) -> list:
    """``count`` people on the prep's roster (``Person 1`` ...), each with words in questions 2 and 3's fields
    unless ``fields`` says otherwise."""
    from preps.models import Person, Stakeholder

    fields.setdefault("expertise", "Call data for {name}")
    fields.setdefault("what_matters", "Response times for {name}")
    start = prep.stakeholders.count()
    people, names = [], [f"Person {n + 1}" for n in range(start, start + count)]
    directory = Person.objects.bulk_create(
        Person(work_group_id=prep.work_group_id, name=name) for name in names
    )
    for n, (name, person) in enumerate(zip(names, directory, strict=True), start=start):
        values = {k: v.format(name=name) for k, v in fields.items()}
        people.append(Stakeholder(prep=prep, person=person, name=name, position=n, **values))
    return Stakeholder.objects.bulk_create(people)


def expected_question_create(*, prep: MeetingPrep, text: str, askers=(), faq_entries=(), **fields):
    from preps.models import ExpectedQuestion

    fields.setdefault("position", prep.expected_questions.count())
    question = ExpectedQuestion.objects.create(prep=prep, text=text, **fields)
    question.askers.set(askers)
    question.faq_entries.set(faq_entries)
    return question


def stakeholder_edit_data(person, **changes) -> dict:
    """What the no-JavaScript edit form posts for ``person`` as it is (its version too), with ``changes``."""
    data = {name: getattr(person, name) for name in ROW_FIELDS + DETAIL_FIELDS}
    return {**data, "version": person.version, **changes}


def share_create(*, prep: MeetingPrep, user, role: str = "viewer"):
    """Give ``user`` a role on ``prep`` directly (what accepting an invitation does)."""
    from preps.models import Share  # keep factories' imports light

    return Share.objects.create(prep=prep, user=user, role=role)
