"""MeetingPrep and Answer now belong to the preps app (preps/migrations/0001_initial.py).

Only Django's idea of which app owns them changes: their tables and rows stay exactly where they are.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("worksheets", "0002_question_key")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel("Answer"), migrations.DeleteModel("MeetingPrep")],
            database_operations=[],
        ),
    ]
