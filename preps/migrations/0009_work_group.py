import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import core.text
import preps.models.workgroup


class Migration(migrations.Migration):
    dependencies = [
        ("preps", "0008_expectedquestion_updated_by"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="WorkGroup",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200)),
                ("program_name", models.CharField(blank=True, max_length=200)),
                (
                    "jurisdiction",
                    models.CharField(blank=True, max_length=200, verbose_name="city or jurisdiction"),
                ),
                (
                    "time_zone",
                    models.CharField(
                        help_text="Where its meetings happen: their times are read and shown in it.",
                        max_length=64,
                        validators=[preps.models.workgroup.validate_time_zone],
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "owner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="work_groups",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={"verbose_name": "work group", "ordering": ["name", "pk"]},
            bases=(core.text.TypedTextModel, models.Model),
        ),
        migrations.AddField(
            model_name="meetingprep",
            name="work_group",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="meetings",
                to="preps.workgroup",
            ),
        ),
    ]
