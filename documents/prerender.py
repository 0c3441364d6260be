"""PDFs made before the click: once a director's edits settle, her prep's notes PDF (its default options, the
download link's) and its meeting brief PDF are rendered in the background into the PDF cache
(``pdf/cache.py``), so that the download is a cache hit.

How a change gets here: the writes that change what a prep's documents show (answers, meeting details, the
roster, question 4, the brief, the outcome) send ``preps.signals.prep_changed``, or save the prep itself;
``apps.py`` connects both to ``on_prep_changed``, which calls ``schedule_prerender`` once the transaction has
committed (never for a write that rolled back).

- **Debounce.** Each change records when the prep last changed; at most one job is pending per prep and
  document kind (a marker added atomically in the cache). A job that finds the prep changed less than
  PDF_PRERENDER_DELAY seconds ago puts itself back for the rest of the delay (it stays the one pending job);
  otherwise it clears its marker and renders the content as it is then. A director who keeps typing gets no
  render until she stops.
- **Never twice.** A job whose bytes are cached already (or whose render failed before) does nothing, and so
  does one whose bytes a download is rendering right now.
- **Bounded.** At most PDF_PRERENDER_WORKERS background renders at once for every server sharing the cache
  (slots in the cache, ``pdf/limits.py``: a job finding none taken free tries again a second later, a few
  times), each in a child process under the renders' CPU and memory limits (``pdf/isolated.py``). They use
  neither a user's render limits nor the requests' slots, so they never make a download answer 429.
- **Ids only.** A job's arguments are the prep's id, the kind's name and a retry count: no text, no secret.
  It reads the prep again when it runs and does nothing if the prep is gone or its owner's account is
  inactive (with sharing, this is where an access check belongs: the bytes are the prep's, whoever asks).
- **Nothing depends on a job.** A lost, failed or late job costs a render at download time, never a word or a
  download: on a miss the request renders by itself, after waiting at most ``PRERENDER_WAIT_SECONDS`` for a
  job rendering the same bytes. Markers expire by themselves, so a job lost with its worker blocks nothing.

Where jobs run: with REDIS_URL, an RQ queue (django-rq) that ``manage.py prerender_worker`` works (its own
process, with RQ's scheduler for the delays); without it, ``ThreadPool``: PDF_PRERENDER_WORKERS threads in
each app process and one timer thread, started on the first job.
"""

import logging
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from functools import cache as memoize
from functools import partial

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from core import jobs
from core.cache import UNREACHABLE
from preps.models import MeetingPrep
from worksheets.markdown import ContentTooComplex

from .pdf.cache import PRERENDERING_PREFIX, stored_pdf
from .pdf.isolated import RenderFailed
from .pdf.limits import RENDERING_PREFIX, RenderLimited, prerender_slot
from .purge import purge_prep_documents
from .sources import PDFSource, brief_pdf_source, prep_pdf_source

logger = logging.getLogger(__name__)

KINDS = ("notes", "brief")
BUSY_RETRIES = 5  # a job finding every prerender slot taken tries again this many times...
BUSY_RETRY_SECONDS = 1.0  # ...this long apart
QUEUED_SECONDS = 600  # an RQ job not started within this is dropped (no worker running): the download renders
MAX_WAITING = 1000  # jobs a ThreadPool holds, waiting or running; past it a job is dropped (and logged)


def prerender_source(kind: str, prep: MeetingPrep) -> PDFSource:
    """The PDF a download of ``kind`` with its default options makes of ``prep``: the same HTML, so the same
    digest (``views.prep_pdf``, ``views.prep_brief_pdf``)."""
    if kind == "notes":
        return prep_pdf_source(prep, include_examples=True, include_extras=True)
    if kind == "brief":
        return brief_pdf_source(prep)
    raise ValueError(f"no background render for {kind!r}")


# --- scheduling ---------------------------------------------------------------------------------------------


def on_prep_changed(sender=None, *, prep_id: int | None = None, outcome_id: int | None = None, **kwargs):
    """``prep_changed``'s receiver: schedule once the write commits (at once outside a transaction). A failure
    to schedule is logged (``robust``), never raised into the write that succeeded."""
    if settings.PDF_PRERENDER:
        transaction.on_commit(partial(schedule_prerender, prep_id, outcome_id=outcome_id), robust=True)


def on_prep_saved(sender, instance: MeetingPrep, created: bool, **kwargs):
    """``post_save`` of a prep (its details changed; a new prep has nothing to render yet)."""
    if not created:
        on_prep_changed(sender, prep_id=instance.pk)


def schedule_prerender(prep_id: int | None, *, outcome_id: int | None = None) -> None:
    """Note that ``prep_id`` changed now, and make sure one job is pending for each of its documents."""
    if not settings.PDF_PRERENDER:
        return
    if prep_id is None and outcome_id is not None:
        # An outcome's rows know only their outcome (no import of the outcomes app: it builds on documents).
        outcome = apps.get_model("outcomes", "MeetingOutcome")
        prep_id = outcome.objects.filter(pk=outcome_id).values_list("prep_id", flat=True).first()
    if prep_id is None:
        return
    cache.set(_changed_key(prep_id), time.time(), _marker_seconds())
    for kind in KINDS:
        if cache.add(_pending_key(prep_id, kind), 1, _marker_seconds()):
            _enqueue(prep_id, kind, delay=settings.PDF_PRERENDER_DELAY)


def _changed_key(prep_id: int) -> str:
    return f"prerender-changed:{prep_id}"


def _pending_key(prep_id: int, kind: str) -> str:
    return f"prerender-pending:{prep_id}:{kind}"


def _marker_seconds() -> int:
    """How long the markers live: past the delay and a render, so a lost job blocks nothing for long."""
    return int(settings.PDF_PRERENDER_DELAY + settings.PDF_RENDER_WALL_SECONDS) + 60


def _enqueue(prep_id: int, kind: str, *, delay: float, attempt: int = 0) -> None:
    """Hand the job to the queue; if it will not take it, clear the pending marker (the next edit tries
    again) and log why: the download still renders by itself."""
    if getattr(cache, "unreachable", False):
        taken = False  # Redis, which holds the queue too, is down (core/cache.py logs it): downloads render
    else:
        try:
            taken = job_queue().enqueue(prep_id, kind, attempt, delay=max(0.0, delay))
        except UNREACHABLE as error:
            logger.warning("PDF prerender not queued: Redis unreachable (%s)", error)
            taken = False
        except Exception:
            logger.exception("PDF prerender not queued: prep=%s kind=%s", prep_id, kind)
            taken = False
    if not taken:
        cache.delete(_pending_key(prep_id, kind))


# --- the job ------------------------------------------------------------------------------------------------


def prerender_job(prep_id: int, kind: str, attempt: int = 0) -> str:
    """Render ``kind`` of prep ``prep_id`` into the cache if its edits have settled; what it did, as a word
    (for the log and the tests)."""
    changed = cache.get(_changed_key(prep_id))
    wait = changed + settings.PDF_PRERENDER_DELAY - time.time() if changed is not None else 0
    if wait > 0.01:
        _enqueue(prep_id, kind, delay=wait, attempt=attempt)  # still the one pending job
        return "waiting"
    # From here on an edit schedules a new job, which will render the newer content.
    cache.delete(_pending_key(prep_id, kind))
    prep = MeetingPrep.objects.filter(pk=prep_id, owner__is_active=True).select_related("owner").first()
    if prep is None:
        return "gone"
    start = time.monotonic()
    try:
        source = prerender_source(kind, prep)
    except ContentTooComplex:
        return "too complex"  # the download answers 422 and logs it
    outcome = _render(source, prep_id, kind, attempt)
    logger.info(
        "PDF prerender %s: prep=%s kind=%s digest=%s in %.2f s",
        *(outcome, prep_id, kind, source.digest[:16], time.monotonic() - start),
    )
    return outcome


def _render(source: PDFSource, prep_id: int, kind: str, attempt: int) -> str:
    digest = source.digest
    try:
        if stored_pdf(digest) is not None:
            return "cached"
    except RenderFailed:
        return "failed before"
    if cache.get(f"{RENDERING_PREFIX}:{digest}") is not None:
        return "a download is rendering it"
    marker = f"{PRERENDERING_PREFIX}:{digest}"
    if not cache.add(marker, 1, timeout=int(settings.PDF_RENDER_WALL_SECONDS) + 5):
        return "another job is rendering it"
    try:
        with prerender_slot():
            source.cached_content()  # stores the bytes (indexed under the prep), or remembers the failure
    except RenderLimited:
        if attempt < BUSY_RETRIES and cache.add(_pending_key(prep_id, kind), 1, _marker_seconds()):
            _enqueue(prep_id, kind, delay=BUSY_RETRY_SECONDS, attempt=attempt + 1)
        return "busy"
    except RenderFailed:
        return "failed"  # logged and remembered for this content by cached_pdf
    finally:
        cache.delete(marker)
    if not MeetingPrep.objects.filter(pk=prep_id).exists():
        purge_prep_documents(prep_id)  # deleted while this rendered: its purge ran before these bytes came
        return "gone"
    return "rendered"


# --- where jobs run -----------------------------------------------------------------------------------------


def job_queue():
    """RQ's queue when ``RQ_QUEUES`` names it (REDIS_URL is set), else this process's thread pool."""
    if settings.PDF_PRERENDER_QUEUE in settings.RQ_QUEUES:
        return RQJobs(settings.PDF_PRERENDER_QUEUE)
    return thread_pool()


class RQJobs:
    """Jobs on an RQ queue through django-rq; delays through RQ's scheduler (the worker runs it)."""

    def __init__(self, name: str):
        self.name = name

    def enqueue(self, prep_id: int, kind: str, attempt: int, *, delay: float) -> bool:
        queue = _rq_queue(self.name, repr(settings.RQ_QUEUES[self.name]))
        options = {
            "ttl": QUEUED_SECONDS,
            "result_ttl": 0,
            "failure_ttl": 24 * 3600,
            "job_timeout": int(settings.PDF_RENDER_WALL_SECONDS) + 30,
        }
        if delay > 0:
            queue.enqueue_in(timedelta(seconds=delay), prerender_job, prep_id, kind, attempt, **options)
        else:
            queue.enqueue(prerender_job, prep_id, kind, attempt, **options)
        return True


@memoize
def _rq_queue(name: str, config: str):
    """One queue (and its Redis connection pool) per process and configuration."""
    import django_rq  # noqa: PLC0415 - only with REDIS_URL

    return django_rq.get_queue(name, commit_mode="auto")


class ThreadPool(jobs.ThreadPool):
    """The background renders' pool: ``prerender_job`` in ``workers`` threads, ``MAX_WAITING`` jobs held."""

    def __init__(
        self, workers: int, run: Callable[..., object] = prerender_job, max_waiting: int = MAX_WAITING
    ):
        super().__init__(workers, run, max_waiting=max_waiting, name="PDF prerender")


_pool: ThreadPool | None = None
_pool_lock = threading.Lock()


def thread_pool() -> ThreadPool:
    """This process's pool, made on the first job with PDF_PRERENDER_WORKERS threads."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPool(settings.PDF_PRERENDER_WORKERS)
        return _pool
