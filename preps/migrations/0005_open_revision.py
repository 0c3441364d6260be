# An answer's latest revision may be open (text NULL: the answer's own text), so an autosave that continues
# it writes no history. Revisions written before keep their text: each is closed, and the next save starts
# an open one after them, so no data step is needed.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("preps", "0004_history"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="answerrevision",
            name="text",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddConstraint(
            model_name="answerrevision",
            constraint=models.UniqueConstraint(
                condition=models.Q(("text__isnull", True)),
                fields=("answer",),
                name="answer_one_open_revision",
            ),
        ),
    ]
