"""``manage.py prerender_worker``: the process that makes PDFs before the click (documents/prerender.py).

It works the RQ queues MAIL_QUEUE (outgoing mail, ``core/mail.py``) and PDF_PRERENDER_QUEUE through
django-rq, with RQ's scheduler (which releases the jobs delayed until a prep's edits settle, and mail
retries). Needs REDIS_URL; without it the app renders in its own threads and no
worker is needed. ``--burst`` stops once the queue is empty.

The jobs run in this process, one at a time (RQ's SimpleWorker), not in a child forked per job: each render
already runs in a child of its own under the renders' CPU, memory and wall-clock limits (pdf/isolated.py),
and a warm process keeps what every job needs (WeasyPrint imported, the templates compiled, the rendered
Markdown). A forked child per job started cold each time: a job took about twice as long. Run more workers
for more renders at once, up to PDF_PRERENDER_WORKERS (the slots every worker shares).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connections


class Command(BaseCommand):
    help = "Render the PDFs queued after edits (needs REDIS_URL; without it the app renders them itself)."

    def add_arguments(self, parser):
        parser.add_argument("--burst", action="store_true", help="stop once the queue is empty")

    def handle(self, *args, burst: bool = False, **options):
        if settings.PDF_PRERENDER_QUEUE not in settings.RQ_QUEUES:
            raise CommandError("No queue to work: set REDIS_URL (without it the app renders in its threads).")
        import django_rq  # noqa: PLC0415 - only with REDIS_URL
        from rq import SimpleWorker  # noqa: PLC0415
        from rq.logutils import setup_loghandlers  # noqa: PLC0415

        import documents.pdf.render  # noqa: F401, PLC0415 - WeasyPrint imported once (~0.5 s)

        class PrerenderWorker(SimpleWorker):
            def execute_job(self, job, queue):
                close_old_connections()  # as Django does around a request (CONN_MAX_AGE, a dropped server)
                try:
                    return super().execute_job(job, queue)
                finally:
                    close_old_connections()

        setup_loghandlers("INFO" if options["verbosity"] else "WARNING")
        connections.close_all()
        # Outgoing mail first (core/mail.py): a mail is quick, a render takes seconds.
        queues = [settings.MAIL_QUEUE, settings.PDF_PRERENDER_QUEUE]
        worker = django_rq.get_worker(*queues, worker_class=PrerenderWorker)
        self.stdout.write(f"prerender worker on queues {', '.join(map(repr, queues))}")
        worker.work(burst=burst, with_scheduler=True)
