"""E-mail each owner the digest of colleagues' comments that are due (``COMMENT_DIGEST_MINUTES`` old).
Run every few minutes from cron or a systemd timer; running it more often sends no more e-mails."""

from django.conf import settings
from django.core.management.base import BaseCommand

from core.mail import mail_wait
from sharing.services import comment_digests_send


class Command(BaseCommand):
    help = "E-mail owners one digest of colleagues' new comments that have waited long enough."

    def handle(self, *args, **options):
        sent = comment_digests_send()
        self.stdout.write(f"Sent {sent} comment digest e-mail{'s' if sent != 1 else ''}.")
        # Without REDIS_URL the mails go out from this process's threads: let them, before it exits.
        if not mail_wait(timeout=3 * settings.EMAIL_TIMEOUT + 5):
            self.stderr.write("Some digests are not sent yet (the mail server is failing; see the log).")
