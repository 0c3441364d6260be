"""``manage.py prerender_worker``: the process that makes PDFs before the click (documents/prerender.py).

It works the RQ queue PDF_PRERENDER_QUEUE through django-rq, with RQ's scheduler (which releases the jobs
delayed until a prep's edits settle). Needs REDIS_URL; without it the app renders in its own threads and no
worker is needed. ``--burst`` stops once the queue is empty.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections


class Command(BaseCommand):
    help = "Render the PDFs queued after edits (needs REDIS_URL; without it the app renders them itself)."

    def add_arguments(self, parser):
        parser.add_argument("--burst", action="store_true", help="stop once the queue is empty")

    def handle(self, *args, burst: bool = False, **options):
        if settings.PDF_PRERENDER_QUEUE not in settings.RQ_QUEUES:
            raise CommandError("No queue to work: set REDIS_URL (without it the app renders in its threads).")
        import django_rq  # noqa: PLC0415 - only with REDIS_URL
        from rq.logutils import setup_loghandlers  # noqa: PLC0415

        setup_loghandlers("INFO" if options["verbosity"] else "WARNING")
        connections.close_all()  # each job runs in a forked child: no connection shared with it
        worker = django_rq.get_worker(settings.PDF_PRERENDER_QUEUE)
        self.stdout.write(f"prerender worker on queue {settings.PDF_PRERENDER_QUEUE!r}")
        worker.work(burst=burst, with_scheduler=True)
