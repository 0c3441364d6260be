"""Load the published worksheet from ``worksheets/fixtures/`` unless it is already there.

Safe to run on every start: content an admin has edited since is left alone (use ``--reset`` to put the seed
text back), and users' meeting preps are never touched because the fixtures hold none.
"""

import json
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

from worksheets.models import Worksheet

CONTENT_FIXTURES = [Path(__file__).resolve().parents[2] / "fixtures" / "worksheet.json"]


def worksheet_slugs(fixture_path) -> list[str]:
    with open(fixture_path, encoding="utf-8") as fixture:
        return [obj["fields"]["slug"] for obj in json.load(fixture) if obj["model"] == "worksheets.worksheet"]


class Command(BaseCommand):
    help = "Load the worksheet content fixtures if they are not loaded yet."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Overwrite the content with the fixture text, undoing admin edits.",
        )

    def handle(self, *args, reset=False, **options):
        for path in CONTENT_FIXTURES:
            slugs = worksheet_slugs(path)
            if not reset and Worksheet.objects.filter(slug__in=slugs).exists():
                self.stdout.write(f"Content from {path.name} is already loaded; left as it is.")
                continue
            call_command("loaddata", str(path), verbosity=0)
            self.stdout.write(self.style.SUCCESS(f"Loaded content from {path.name}."))
