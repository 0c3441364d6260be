# Removals from a roster become removals of any ordered row of a prep (people, expected questions, agenda
# items, outcome rows): one table, with the kind of row, its label and the row kept as the serializer's data.
# The removals waiting now are kept, converted, so their undo still works.

from django.db import migrations, models

STAKEHOLDER_FIELDS = (
    "name",
    "role",
    "organisation",
    "expertise",
    "what_matters",
    "concerns",
    "kind",
    "invite",
    "influence",
    "stance",
)


def snapshot_from_person(old: dict, prep_id: int, removed_at: str) -> dict:
    """A RemovedStakeholder's data (pk, position, version, fields, asked_question_ids) as core.ordered's."""
    fields = {name: str(old["fields"].get(name, "")) for name in STAKEHOLDER_FIELDS}
    person = {
        "model": "preps.stakeholder",
        "pk": int(old["pk"]),
        "fields": {
            "prep": prep_id,
            "position": int(old["position"]),
            "version": int(old["version"]),
            "updated_at": removed_at,
            **fields,
        },
    }
    askers = [
        {
            "model": "preps.expectedquestion_askers",
            "pk": None,
            "fields": {"expectedquestion": int(question_id), "stakeholder": int(old["pk"])},
        }
        for question_id in old.get("asked_question_ids", ())
    ]
    return {"rows": [person, *askers]}


def convert(apps, schema_editor):
    RowRemoval = apps.get_model("preps", "RowRemoval")
    for removal in RowRemoval.objects.all():
        old = removal.snapshot
        if "rows" in old:
            continue
        removal.snapshot = snapshot_from_person(old, removal.prep_id, removal.removed_at.isoformat())
        removal.label = str(old.get("fields", {}).get("name", ""))[:200]
        removal.save(update_fields=["snapshot", "label"])


def person_from_snapshot(snapshot: dict) -> dict:
    """Back: a person's snapshot as a RemovedStakeholder's data (the rows of other kinds cannot go back)."""
    rows = snapshot["rows"]
    person = rows[0]
    return {
        "pk": person["pk"],
        "position": person["fields"]["position"],
        "version": person["fields"]["version"],
        "fields": {name: person["fields"].get(name, "") for name in STAKEHOLDER_FIELDS},
        "asked_question_ids": [
            row["fields"]["expectedquestion"]
            for row in rows[1:]
            if row["model"] == "preps.expectedquestion_askers"
        ],
    }


def convert_back(apps, schema_editor):
    RowRemoval = apps.get_model("preps", "RowRemoval")
    RowRemoval.objects.exclude(kind="person").delete()
    for removal in RowRemoval.objects.all():
        if "rows" in removal.snapshot:
            removal.snapshot = person_from_snapshot(removal.snapshot)
            removal.save(update_fields=["snapshot"])


class Migration(migrations.Migration):
    dependencies = [
        ("preps", "0012_expected_question_history"),
    ]

    operations = [
        migrations.RenameModel("RosterRemoval", "RowRemoval"),
        migrations.RenameField("rowremoval", "person_id", "row_id"),
        migrations.RenameField("rowremoval", "removed", "snapshot"),
        migrations.AddField(
            model_name="rowremoval",
            name="kind",
            field=models.CharField(default="person", max_length=20),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="rowremoval",
            name="label",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.RunPython(convert, convert_back),
    ]
