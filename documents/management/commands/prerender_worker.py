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

RQ's scheduler runs in the one worker holding the queues' scheduler locks, which their holder refreshes every
second and which otherwise expires after a minute; a worker without it tries again only at its maintenance
pass, every 10 minutes. So a worker that crashed (killed with its scheduler) and was started again left the
delayed jobs waiting for up to 11 minutes. Here a lock whose holder has not beaten for
``STALE_SCHEDULER_SECONDS`` is taken over, at start and at every maintenance pass, which runs every
``MAINTENANCE_SECONDS`` (the wait for a job is cut to match): a restarted worker schedules again within
seconds.
"""

from datetime import UTC, datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connections
from rq.scheduler import SCHEDULER_KEY_TEMPLATE, RQScheduler
from rq.scripts import release_lock
from rq.utils import utcparse

STALE_SCHEDULER_SECONDS = 5  # a live scheduler beats every second
SCHEDULER_LOCK_SECONDS = 61  # how long RQ's lock lives without a beat (its interval, 1 s, + 60)
MAINTENANCE_SECONDS = 5  # RQ's default is 600
# The worker waits this long for a job before its loop comes round to the maintenance pass (RQ waits its
# worker TTL less 15 s, 405 s by default); its key in Redis lives WORKER_TTL_SECONDS between beats.
WORKER_TTL_SECONDS = MAINTENANCE_SECONDS + 15


def release_stale_scheduler_lock(connection, queue_name: str) -> bool:
    """Delete ``queue_name``'s scheduler lock if its holder has stopped beating; whether it did."""
    lock_key = RQScheduler.get_locking_key(queue_name)
    holder = connection.get(lock_key)
    if holder is None:
        return False
    beat = connection.hget(SCHEDULER_KEY_TEMPLATE % holder.decode(), "last_heartbeat")
    if beat is None:  # no record of the holder: stale unless the lock was taken a moment ago
        silent = SCHEDULER_LOCK_SECONDS - connection.ttl(lock_key)
    else:
        silent = (datetime.now(UTC) - utcparse(beat.decode())).total_seconds()
    return silent > STALE_SCHEDULER_SECONDS and release_lock(connection, lock_key, holder.decode())


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
            def work(self, *args, **kwargs):
                for name in self.queue_names():
                    release_stale_scheduler_lock(self.connection, name)
                return super().work(*args, **kwargs)

            def run_maintenance_tasks(self):
                for name in self.queue_names():
                    release_stale_scheduler_lock(self.connection, name)
                super().run_maintenance_tasks()  # takes the locks that are free and starts the scheduler

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
        worker = django_rq.get_worker(
            *queues,
            worker_class=PrerenderWorker,
            maintenance_interval=MAINTENANCE_SECONDS,
            worker_ttl=WORKER_TTL_SECONDS,
        )
        self.stdout.write(f"prerender worker on queues {', '.join(map(repr, queues))}")
        worker.work(burst=burst, with_scheduler=True)
