"""The migrations that add the history of expected questions and briefs (preps 0012, briefs 0003) start each
existing row's history with its current version, so the version before the first change can be restored."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from testsupport import factories

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("preps", "0011_work_group_required"), ("briefs", "0002_brief_updated_by")]
AFTER = [("preps", "0012_expected_question_history"), ("briefs", "0003_brief_history")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _back_to_the_latest_schema():
    """The test stops at ``AFTER``; later migrations (and the tests after this one) need the latest schema."""
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    yield
    migrate(latest)


def test_existing_questions_and_briefs_get_their_first_revision(worksheet):
    owner = factories.user_create("olivia")
    prep = factories.prep_create(owner=owner, worksheet=worksheet)
    person = factories.stakeholder_create(prep=prep, name="Chief Quokka")
    faq = worksheet.faq_entries.filter(is_published=True).first()
    apps = migrate(BEFORE)
    ExpectedQuestion = apps.get_model("preps", "ExpectedQuestion")
    question = ExpectedQuestion.objects.create(
        prep_id=prep.pk, position=0, text="Who pays?", answer="The city", version=3, updated_by_id=owner.pk
    )
    question.askers.set([person.pk])
    question.faq_entries.set([faq.pk])
    MeetingBrief = apps.get_model("briefs", "MeetingBrief")
    brief = MeetingBrief.objects.create(
        prep_id=prep.pk, purpose="Agree on a pilot", faq_chosen=True, version=2
    )
    brief.faq_entries.set([faq.pk])
    apps.get_model("briefs", "AgendaItem").objects.create(
        brief=brief, position=0, title="Welcome", minutes=10
    )

    apps = migrate(AFTER)
    revision = apps.get_model("preps", "ExpectedQuestionRevision").objects.get()
    assert (revision.expected_question_id, revision.version, revision.author_id) == (question.pk, 3, owner.pk)
    assert revision.snapshot == {
        "text": "Who pays?",
        "answer": "The city",
        "askers": [person.pk],
        "faq_entries": [faq.pk],
    }
    kept = apps.get_model("briefs", "BriefRevision").objects.get()
    assert (kept.brief_id, kept.version, kept.author_id) == (brief.pk, 2, None)
    assert kept.snapshot["purpose"] == "Agree on a pilot" and kept.snapshot["faq_entries"] == [faq.pk]
    assert [item["title"] for item in kept.snapshot["agenda"]] == ["Welcome"]
