"""E-mail addresses unique whatever their case, and the record of verified ones (issue 13, point 8).

The user table is Django's (auth_user), so its constraint is an expression index made here in SQL that
SQLite and PostgreSQL both accept: unique on LOWER(email), blank addresses left out (a superuser made
without one). SQLite's LOWER folds ASCII letters only, as its case-insensitive comparisons do.

Before the index, addresses that several accounts share (possible until now) stay with the oldest account
and are blanked on the later ones: none was verified, and a shared address could sign in neither account
(accounts/backends.py), so no one loses a way in they had; they still sign in by username.
"""

from django.conf import settings
from django.db import migrations, models

INDEX = "accounts_user_email_lower_unique"


def blank_shared_addresses(apps, schema_editor):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    seen: set[str] = set()
    blanked = []
    for pk, email in User.objects.exclude(email="").order_by("pk").values_list("pk", "email"):
        key = email.lower()
        if key in seen:
            blanked.append(pk)
        seen.add(key)
    User.objects.filter(pk__in=blanked).update(email="")
    if blanked:
        print(f"\n  accounts: {len(blanked)} account(s) shared an e-mail address with an older one; blanked")


def create_index(apps, schema_editor):
    table = schema_editor.quote_name(apps.get_model(*settings.AUTH_USER_MODEL.split("."))._meta.db_table)
    schema_editor.execute(f"CREATE UNIQUE INDEX {INDEX} ON {table} (LOWER(email)) WHERE email <> ''")


def drop_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX {INDEX}")


class Migration(migrations.Migration):
    initial = True

    # After auth's last migration: on SQLite a later change to auth_user would rebuild the table without this
    # index (tests/accounts/test_sign_up_and_email_verification.py checks the database refuses a shared address).
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        migrations.CreateModel(
            name="EmailAddress",
            fields=[
                (
                    "user",
                    models.OneToOneField(
                        on_delete=models.deletion.CASCADE,
                        primary_key=True,
                        related_name="email_address",
                        serialize=False,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                ("verified_email", models.EmailField(max_length=254)),
                ("verified_at", models.DateTimeField()),
            ],
            options={"verbose_name": "verified e-mail address", "verbose_name_plural": "verified e-mail addresses"},
        ),
        migrations.RunPython(blank_shared_addresses, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
