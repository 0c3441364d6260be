"""Load the published worksheet from ``fixtures/worksheet.json`` unless it is already there.

Safe to run on every start: content an admin has edited since is left alone (use ``--reset`` to put the seed
text back), and users' meeting preps are never touched because the fixtures hold none.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from worksheets.models import Worksheet

CONTENT_FIXTURE_NAME = "worksheet.json"


def content_fixture() -> Path:
    """The seed worksheet's fixture, in the project's fixtures/ folder (settings.FIXTURE_DIRS)."""
    return Path(settings.FIXTURE_DIRS[0]) / CONTENT_FIXTURE_NAME


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
        path = content_fixture()
        if not reset and Worksheet.objects.filter(slug__in=worksheet_slugs(path)).exists():
            self.stdout.write(f"Content from {path.name} is already loaded; left as it is.")
            return
        call_command("loaddata", str(path), verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Loaded content from {path.name}."))
