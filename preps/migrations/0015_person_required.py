import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("preps", "0014_people_data")]

    operations = [
        migrations.AlterField(
            model_name="stakeholder",
            name="person",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="roster_entries", to="preps.person"
            ),
        ),
    ]
