"""Each question gets a stable key: its name outside the database (form fields, URLs, fixtures, files)."""

from django.db import migrations, models
from django.utils.text import slugify

SEED_SLUG = "preparing-to-meet-with-public-safety-stakeholders"
# The seed worksheet's keys, as its fixture (fixtures/worksheet.json) names them, by position.
SEED_KEYS = {1: "who-attends", 2: "expertise", 3: "what-matters", 4: "their-questions"}


def give_each_question_a_key(apps, schema_editor):
    Question = apps.get_model("worksheets", "Question")
    taken: dict[int, set[str]] = {}
    for question in Question.objects.select_related("worksheet").order_by("worksheet_id", "position"):
        used = taken.setdefault(question.worksheet_id, set())
        key = SEED_KEYS.get(question.position) if question.worksheet.slug == SEED_SLUG else None
        key = key or slugify(question.prompt)[:40].strip("-") or f"question-{question.position}"
        candidate, number = key, 2
        while candidate in used:
            candidate, number = f"{key}-{number}", number + 1
        used.add(candidate)
        question.key = candidate
        question.save(update_fields=["key"])


class Migration(migrations.Migration):
    dependencies = [("worksheets", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="question",
            name="key",
            field=models.SlugField(
                default="",
                help_text="A short name for this question that never changes (letters, digits, hyphens). "
                "Answers in downloaded and imported files are matched to the question by it.",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(give_each_question_a_key, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="question",
            constraint=models.UniqueConstraint(fields=("worksheet", "key"), name="question_unique_key"),
        ),
    ]
