"""Delete removed rows kept for an undo past their few minutes, so a removed row's private text does not
linger when nobody removes anything else (each removal purges too). Run every few minutes from cron or a
systemd timer, beside ``send_comment_digests``."""

from django.core.management.base import BaseCommand

from preps.removals import shelf


class Command(BaseCommand):
    help = "Delete removals of rows whose undo window has passed."

    def handle(self, *args, **options):
        purged = shelf.purge()
        self.stdout.write(f"Purged {purged} removal{'s' if purged != 1 else ''} past their undo window.")
