from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("preps", "0012_expected_question_history"),
        ("preps", "0014_person_required"),
    ]

    operations = []
