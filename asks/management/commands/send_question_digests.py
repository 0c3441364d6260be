"""E-mail each director one digest of the questions the invited people sent in since the last one. Run every
few minutes beside ``send_comment_digests``; running it more often sends no more e-mails."""

from django.conf import settings
from django.core.management.base import BaseCommand

from asks.services import question_digests_send
from core.mail import mail_wait


class Command(BaseCommand):
    help = "E-mail directors one digest of the questions sent in for their meetings."

    def handle(self, *args, **options):
        sent = question_digests_send()
        self.stdout.write(f"Sent {sent} question digest e-mail{'s' if sent != 1 else ''}.")
        if not mail_wait(timeout=3 * settings.EMAIL_TIMEOUT + 5):
            self.stderr.write("Some digests are not sent yet (the mail server is failing; see the log).")
