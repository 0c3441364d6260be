"""MeetingPrep and Answer, moved here from the worksheets app with their tables, rows and ids unchanged.

The state operations tell Django the models are now ``preps.*`` over the existing tables
(``db_table`` keeps their names); no table is created, renamed or copied. Their content types (and so the
permissions that name them) follow them to the new app label. A new database gets the tables from
worksheets/migrations/0001_initial.py, exactly as an old one has them.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED_MODELS = ["meetingprep", "answer"]


def _relabel_content_types(apps, *, old: str, new: str) -> None:
    """Give the moved models' content types (and so their permissions) the new app label, keeping their ids;
    one that already exists under the new label (made by a ``migrate`` run in between) is left as it is."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    existing = set(ContentType.objects.filter(app_label=new).values_list("model", flat=True))
    moving = [model for model in MOVED_MODELS if model not in existing]
    ContentType.objects.filter(app_label=old, model__in=moving).update(app_label=new)


def content_types_follow_the_models(apps, schema_editor):
    _relabel_content_types(apps, old="worksheets", new="preps")


def content_types_go_back(apps, schema_editor):
    _relabel_content_types(apps, old="preps", new="worksheets")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("worksheets", "0003_meeting_preps_move_to_preps"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="MeetingPrep",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("meeting_title", models.CharField(max_length=200)),
                        ("meeting_date", models.DateField(blank=True, null=True)),
                        ("program_name", models.CharField(blank=True, max_length=200)),
                        (
                            "jurisdiction",
                            models.CharField(blank=True, max_length=200, verbose_name="city or jurisdiction"),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "updated_at",
                            models.DateTimeField(
                                auto_now=True, help_text="Last edit to the details or any answer."
                            ),
                        ),
                        (
                            "owner",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="meeting_preps",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "worksheet",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="meeting_preps",
                                to="worksheets.worksheet",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "meeting prep",
                        "ordering": ["-updated_at", "-pk"],
                        "db_table": "worksheets_meetingprep",
                    },
                ),
                migrations.CreateModel(
                    name="Answer",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("text", models.TextField(blank=True)),
                        ("version", models.PositiveIntegerField(default=0)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "prep",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="answers",
                                to="preps.meetingprep",
                            ),
                        ),
                        (
                            "question",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="answers",
                                to="worksheets.question",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "worksheets_answer",
                        "constraints": [
                            models.UniqueConstraint(fields=("prep", "question"), name="answer_one_per_question")
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(content_types_follow_the_models, content_types_go_back),
    ]
