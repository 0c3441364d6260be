import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("preps", "0010_work_group_data"),
    ]

    operations = [
        migrations.AlterField(
            model_name="meetingprep",
            name="work_group",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="meetings", to="preps.workgroup"
            ),
        ),
    ]
