# Access (Share) belongs to preps, which decides it (preps.selectors.prep_access): the model leaves sharing's
# state here and preps 0006 takes it over. The table keeps its name and rows, so no data moves.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("sharing", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Share")],
            database_operations=[],
        ),
    ]
