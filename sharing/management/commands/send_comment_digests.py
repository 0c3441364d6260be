"""E-mail each owner the digest of colleagues' comments that are due (``COMMENT_DIGEST_MINUTES`` old).
Run every few minutes from cron or a systemd timer; running it more often sends no more e-mails."""

from django.core.management.base import BaseCommand

from sharing.services import comment_digests_send


class Command(BaseCommand):
    help = "E-mail owners one digest of colleagues' new comments that have waited long enough."

    def handle(self, *args, **options):
        sent = comment_digests_send()
        self.stdout.write(f"Sent {sent} comment digest e-mail{'s' if sent != 1 else ''}.")
