"""Each tip may belong to a question, whose step shows it beside the answer; the seed worksheet's links are
defined once, in fixtures/worksheet.json, and a database loaded before this migration takes them from there
(only for tips still linked to nothing, whose text is the seed's: an admin's own tips are left alone).

A nullable column is added in place on SQLite (ALTER TABLE ADD COLUMN), so migration 0005's triggers stay."""

import json
from pathlib import Path

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _seed_links() -> dict[tuple[str, int, int, str], tuple[str, str]]:
    """(worksheet slug, group position, tip position, tip text) -> (worksheet slug, question key)."""
    path = Path(settings.FIXTURE_DIRS[0]) / "worksheet.json"
    if not path.exists():
        return {}
    links = {}
    for obj in json.loads(path.read_text(encoding="utf-8")):
        fields = obj["fields"]
        if obj["model"] == "worksheets.tip" and fields.get("question"):
            slug, group_position = fields["group"]
            links[(slug, group_position, fields["position"], fields["text"])] = tuple(fields["question"])
    return links


def link_seed_tips(apps, schema_editor):
    Tip = apps.get_model("worksheets", "Tip")
    Question = apps.get_model("worksheets", "Question")
    links = _seed_links()
    for tip in Tip.objects.filter(question__isnull=True).select_related("group__worksheet"):
        key = (tip.group.worksheet.slug, tip.group.position, tip.position, tip.text)
        if key in links:
            slug, question_key = links[key]
            question = Question.objects.filter(worksheet__slug=slug, key=question_key).first()
            if question is not None:
                Tip.objects.filter(pk=tip.pk).update(question=question)


class Migration(migrations.Migration):
    dependencies = [
        ("worksheets", "0005_content_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="tip",
            name="question",
            field=models.ForeignKey(
                blank=True,
                help_text="The question whose step shows this tip beside it.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="tips",
                to="worksheets.question",
            ),
        ),
        migrations.RunPython(link_seed_tips, migrations.RunPython.noop),
    ]
