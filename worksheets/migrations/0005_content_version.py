"""The worksheet's ``content_version``, and the database triggers that give it a new random value on every
write to the worksheet, its questions, tip groups, tips and FAQ entries, whatever makes the write (the admin,
loaddata, a QuerySet ``update()``, raw SQL): ``worksheets.selectors.worksheet_with_content`` caches the
content under it, so an edit shows on the next page view as it did without the cache.

SQLite drops a table's triggers when Django remakes the table (an altered column): a later migration that
alters one of these tables on SQLite must run ``create_triggers`` again.
``tests/worksheets/test_content_cache.py`` writes to each table after all migrations, so a lost trigger fails
it.
"""

from django.db import migrations, models

import worksheets.models

# A random non-negative 62-bit value (new_content_version's range), in each database's SQL.
RANDOM = {
    "sqlite": "(random() & 4611686018427387903)",
    "postgresql": "floor(random() * 4611686018427387903)::bigint",  # random() is a double: ~52 random bits
}
# Each child table and how a row of it names its worksheet (a tip through its group).
CHILDREN = {
    "question": "{row}.worksheet_id",
    "tipgroup": "{row}.worksheet_id",
    "faqentry": "{row}.worksheet_id",
    "tip": "(SELECT worksheet_id FROM {tipgroup} WHERE id = {row}.group_id)",
}


def _tables(apps) -> dict[str, str]:
    names = ["worksheet", *CHILDREN]
    return {name: apps.get_model("worksheets", name)._meta.db_table for name in names}


def _worksheet_of(child: str, tables: dict[str, str]) -> dict[str, str]:
    """The SQL naming the worksheet of a ``child`` row, for the trigger's NEW and OLD row."""
    return {row: CHILDREN[child].format(row=row, tipgroup=tables["tipgroup"]) for row in ("NEW", "OLD")}


def _sqlite(tables: dict[str, str]) -> list[str]:
    bump = f"UPDATE {tables['worksheet']} SET content_version = {RANDOM['sqlite']} WHERE id IN"  # noqa: S608 - table names from the models, quoted
    statements = []
    for child in CHILDREN:
        of = _worksheet_of(child, tables)
        for event, rows in (
            ("INSERT", [of["NEW"]]),
            ("UPDATE", [of["OLD"], of["NEW"]]),
            ("DELETE", [of["OLD"]]),
        ):
            statements.append(
                f"CREATE TRIGGER worksheets_{child}_content_{event.lower()} AFTER {event} ON {tables[child]} "
                f"BEGIN {bump} ({', '.join(rows)}); END"
            )
    # The worksheet's own fields: any update that did not itself set a new version gets one.
    statements.append(
        f"CREATE TRIGGER worksheets_worksheet_content_update AFTER UPDATE ON {tables['worksheet']} "
        "WHEN OLD.content_version = NEW.content_version "
        f"BEGIN {bump} (NEW.id); END"
    )
    return statements


def _postgresql(tables: dict[str, str]) -> list[str]:
    random = RANDOM["postgresql"]
    statements = []
    for child in CHILDREN:
        of = _worksheet_of(child, tables)
        statements += [
            f"""CREATE FUNCTION worksheets_{child}_content() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP IN ('UPDATE', 'DELETE') THEN
                    UPDATE {tables["worksheet"]} SET content_version = {random} WHERE id = {of["OLD"]};
                END IF;
                IF TG_OP IN ('INSERT', 'UPDATE') THEN
                    UPDATE {tables["worksheet"]} SET content_version = {random} WHERE id = {of["NEW"]};
                END IF;
                RETURN NULL;
            END $$""",  # noqa: S608 - table names from the models, quoted
            f"CREATE TRIGGER worksheets_{child}_content AFTER INSERT OR UPDATE OR DELETE ON {tables[child]} "
            f"FOR EACH ROW EXECUTE FUNCTION worksheets_{child}_content()",
        ]
    statements += [
        f"""CREATE FUNCTION worksheets_worksheet_content() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.content_version = OLD.content_version THEN
                NEW.content_version := {random};
            END IF;
            RETURN NEW;
        END $$""",
        f"CREATE TRIGGER worksheets_worksheet_content BEFORE UPDATE ON {tables['worksheet']} "
        "FOR EACH ROW EXECUTE FUNCTION worksheets_worksheet_content()",
    ]
    return statements


def create_triggers(apps, schema_editor) -> None:
    builders = {"sqlite": _sqlite, "postgresql": _postgresql}
    vendor = schema_editor.connection.vendor
    if vendor not in builders:
        raise NotImplementedError(f"No content-version triggers for {vendor}: write them here.")
    for statement in builders[vendor](_tables(apps)):
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor) -> None:
    tables = _tables(apps)
    if schema_editor.connection.vendor == "sqlite":
        for child in CHILDREN:
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS worksheets_{child}_content_{event}")
        schema_editor.execute("DROP TRIGGER IF EXISTS worksheets_worksheet_content_update")
    else:
        for name in [*CHILDREN, "worksheet"]:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS worksheets_{name}_content ON {tables[name]}")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS worksheets_{name}_content()")


class Migration(migrations.Migration):
    dependencies = [
        ("worksheets", "0004_faqentry_search_terms"),
    ]

    operations = [
        migrations.AddField(
            model_name="worksheet",
            name="content_version",
            field=models.BigIntegerField(default=worksheets.models.new_content_version, editable=False),
        ),
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]
