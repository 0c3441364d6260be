"""The migration that moved MeetingPrep and Answer from worksheets to the preps app loses nothing.

The test database is migrated back to what main had before the move (worksheets 0001, no preps app), filled
as a real installation would be - users, admin-edited content, meeting preps with answers at various
versions, a django-axes lockout record, a session, permissions - read back table by table, then migrated
forward to the current layout and read again. Every row must be there, unchanged; the only differences
allowed are the new question keys and the moved models' content-type labels. Runs on SQLite and, in CI's
second pass, on PostgreSQL.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from testsupport.factories import SEED_SLUG

BEFORE_THE_MOVE = ("worksheets", "0001_initial")
TABLES = [
    "auth_user",
    "auth_permission",
    "django_content_type",
    "django_session",
    "axes_accessattempt",
    "worksheets_worksheet",
    "worksheets_question",
    "worksheets_tipgroup",
    "worksheets_tip",
    "worksheets_faqentry",
    "worksheets_meetingprep",
    "worksheets_answer",
]
NEW_COLUMNS = {
    "worksheets_question": {"key"},
    "worksheets_faqentry": {"search_terms"},
    "worksheets_tip": {"question_id"},  # the question a tip belongs to (worksheets 0006: a step's tips)
    # a meeting series (preps 0003), its work group (preps 0009-0011: test_migration_into_work_groups.py)
    "worksheets_meetingprep": {"previous_id", "series_root_id", "work_group_id"},
    "worksheets_worksheet": {"content_version"},  # the content cache's key (worksheets 0005)
}
ANSWER_TEXTS = [
    "Chief Rivera (police), Dana Cole (911 center) — “invite early”.",
    "\u00a0",  # a no-break space alone, pasted from Word
    "مدير الطوارئ\nמנהל המוקד 🚑",
    "x" * 50_000,
]


def migrate_to(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()  # what is applied now
    return executor


def latest_targets() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def old_targets() -> list[tuple[str, str | None]]:
    # Apps whose migrations are built on preps did not have them before the move either.
    later = ("briefs", "outcomes", "sharing", "documents", "asks")
    others = [node for node in latest_targets() if node[0] not in ("worksheets", "preps", *later)]
    return [*others, BEFORE_THE_MOVE, *((app, None) for app in later), ("preps", None)]


def table_rows(table: str) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")  # noqa: S608
        columns = [column[0] for column in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def fill_as_main_had_it(apps) -> None:
    """Rows made with the models as they were before the move (the historical models of that state)."""
    User = apps.get_model("auth", "User")
    Worksheet = apps.get_model("worksheets", "Worksheet")
    Question = apps.get_model("worksheets", "Question")
    TipGroup = apps.get_model("worksheets", "TipGroup")
    Tip = apps.get_model("worksheets", "Tip")
    FAQEntry = apps.get_model("worksheets", "FAQEntry")
    MeetingPrep = apps.get_model("worksheets", "MeetingPrep")
    Answer = apps.get_model("worksheets", "Answer")
    AccessAttempt = apps.get_model("axes", "AccessAttempt")
    Session = apps.get_model("sessions", "Session")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")

    owner = User.objects.create(username="olivia", email="olivia@example.org", password="!")
    other = User.objects.create(username="oscar", email="oscar@example.org", password="!", is_staff=True)
    seed = Worksheet.objects.create(slug=SEED_SLUG, title="Preparing to Meet with Public Safety Stakeholders")
    admin_added = Worksheet.objects.create(slug="after-launch", title="After launch", is_published=False)
    prompts = [
        "Who needs to be at the meeting?",
        "What expertise will each person bring to program planning?",
        "What is important to the other stakeholders?",
        "What questions might stakeholders have for me?",
    ]
    questions = [
        Question.objects.create(worksheet=seed, position=n, prompt=prompt, example=f"Carmen, edited {n}.")
        for n, prompt in enumerate(prompts, start=1)
    ]
    Question.objects.create(worksheet=admin_added, position=1, prompt="What went well?")
    Question.objects.create(worksheet=admin_added, position=2, prompt="What went well?")  # same prompt
    group = TipGroup.objects.create(worksheet=seed, position=1, title="Build trust")
    Tip.objects.create(group=group, position=1, text="Admin-edited tip.")
    FAQEntry.objects.create(worksheet=seed, position=1, question="Liability?", answer="See **LEAP**.")
    for number, user in enumerate([owner, other, owner]):
        prep = MeetingPrep.objects.create(
            owner=user,
            worksheet=seed,
            meeting_title=f"Work group {number} — “kickoff”",
            meeting_date=datetime.date(2026, 12, 10 + number),
            program_name="CARE",
            jurisdiction="Springfield",
        )
        for question, text in zip(questions, ANSWER_TEXTS, strict=True):
            Answer.objects.create(
                prep=prep, question=question, text=text, version=number * 7 + question.position
            )
    AccessAttempt.objects.create(
        username="olivia", ip_address="203.0.113.9", user_agent="test", failures_since_start=3
    )
    Session.objects.create(
        session_key="s" * 32, session_data="data", expire_date=timezone.now() + datetime.timedelta(days=1)
    )
    for model in ("meetingprep", "answer"):
        content_type, _ = ContentType.objects.get_or_create(app_label="worksheets", model=model)
        Permission.objects.get_or_create(
            content_type=content_type, codename=f"view_{model}", defaults={"name": f"Can view {model}"}
        )


@pytest.mark.django_db(transaction=True)
def test_moving_preps_to_their_own_app_keeps_every_row():
    executor = migrate_to(old_targets())
    state_targets = [target for target in old_targets() if target[1] is not None]
    fill_as_main_had_it(executor.loader.project_state(state_targets).apps)
    before = {table: table_rows(table) for table in TABLES}
    labels_before = {row["id"]: row["app_label"] for row in before["django_content_type"]}

    migrate_to(latest_targets())
    after = {table: table_rows(table) for table in TABLES}

    for table in TABLES:
        # Columns added since the move (the question key, the FAQ's search terms) are the only new ones.
        added = set(after[table][0]) - set(before[table][0]) if after[table] and before[table] else set()
        assert added <= NEW_COLUMNS.get(table, set()), (table, added)
        for row in after[table]:
            for column in added - {"key"}:
                row.pop(column)
        if table == "worksheets_question":
            keys = [row.pop("key") for row in after[table]]
            assert keys == ["who-attends", "expertise", "what-matters", "their-questions"] + [
                "what-went-well",
                "what-went-well-2",
            ]
        if table == "django_content_type":
            moved = {row["id"] for row in after[table] if row["app_label"] != labels_before[row["id"]]}
            assert {labels_before[pk] for pk in moved} == {"worksheets"}
            assert sorted(row["model"] for row in after[table] if row["id"] in moved) == [
                "answer",
                "meetingprep",
            ]
            for row in after[table]:
                row.pop("app_label")
            for row in before[table]:
                row.pop("app_label")
        assert after[table] == before[table], table

    # And the app reads them back through the new models, text and versions exact.
    from preps.models import Answer, MeetingPrep

    assert MeetingPrep.objects.count() == 3
    texts = sorted((a.prep_id, a.question.position, a.text, a.version) for a in Answer.objects.all())
    assert [text for _, _, text, _ in texts] == ANSWER_TEXTS * 3
    assert [version for *_, version in texts] == [n * 7 + p for n in range(3) for p in range(1, 5)]
