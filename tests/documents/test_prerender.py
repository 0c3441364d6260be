"""PDFs made before the click (documents/prerender.py): after the edits settle the notes and brief PDFs are
rendered in the background, one pending job per document, ids only in the jobs, a bounded pool without
Redis and RQ with it; a download never waits on a job for long and renders by itself when it must."""

import os
import threading
import time
import uuid

import pytest
from django.core.cache import cache
from django.urls import reverse

from documents import prerender
from documents.pdf.cache import KEY_PREFIX, PRERENDER_WAIT_SECONDS, PRERENDERING_PREFIX
from documents.sources import PDFSource
from preps.models import MeetingPrep
from preps.services import prep_delete

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


class Recorder:
    """A queue that keeps what it is given: (args, delay)."""

    def __init__(self):
        self.jobs = []

    def enqueue(self, *args, delay):
        self.jobs.append((args, delay))
        return True


@pytest.fixture
def on(settings, private_cache):
    settings.PDF_PRERENDER = True
    settings.PDF_PRERENDER_DELAY = 0
    settings.RQ_QUEUES = {}
    return settings


@pytest.fixture
def queue(monkeypatch, on):
    recorder = Recorder()
    monkeypatch.setattr(prerender, "job_queue", lambda: recorder)
    return recorder


@pytest.fixture
def renders(monkeypatch):
    """Count the renders; each returns PDF-like bytes naming its digest (no WeasyPrint: fast)."""
    calls = []

    def render(source):
        calls.append(source.digest)
        return b"%PDF-1.7 " + source.digest.encode()

    monkeypatch.setattr(PDFSource, "render", render)
    return calls


def autosave(client, prep, text, version, position=1):
    question = prep.worksheet.questions.get(position=position)
    response = client.post(
        reverse("answer_autosave", args=[prep.pk, question.key]), {"text": text, "version": version}
    )
    assert response.status_code == 200, response.content
    return response


def pdf_url(prep):
    return reverse("prep_pdf", args=[prep.pk])


def cached(kind, prep) -> bytes | None:
    return cache.get(f"{KEY_PREFIX}:{prerender.prerender_source(kind, prep).digest}")


# --- scheduling --------------------------------------------------------------------------------------------


def test_a_director_who_keeps_editing_has_one_pending_job_per_document(queue, prep):
    for _ in range(10):
        prerender.schedule_prerender(prep.pk)
    assert sorted(args for args, _ in queue.jobs) == [(prep.pk, "brief", 0), (prep.pk, "notes", 0)]


def test_job_arguments_are_ids_only(queue, owner_client, prep, django_capture_on_commit_callbacks):
    secret = "Chief Núñez is leaving in March, do not tell the union"
    with django_capture_on_commit_callbacks(execute=True):
        autosave(owner_client, prep, secret, 0)
    assert queue.jobs, "a save schedules the documents"
    for args, _ in queue.jobs:
        prep_id, kind, attempt = args
        assert (type(prep_id), kind, type(attempt)) == (int, kind, int)
        assert kind in prerender.KINDS
        assert "Núñez" not in repr(args)


def test_every_kind_of_edit_schedules_after_its_commit(
    queue, owner_client, prep, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        autosave(owner_client, prep, "Dana Whitfield", 0)
    assert not queue.jobs, "nothing is scheduled before the write commits"
    for callback in callbacks:
        callback()
    assert len(queue.jobs) == 2

    queue.jobs.clear()
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(
            reverse("prep_edit", args=[prep.pk]), {"meeting_title": "Work group, second meeting"}
        )
    assert len(queue.jobs) == 2, "the meeting's details"


def test_a_failed_save_schedules_nothing(queue, owner_client, prep, django_capture_on_commit_callbacks):
    question = prep.worksheet.questions.get(position=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(
            reverse("answer_autosave", args=[prep.pk, question.key]), {"text": "late", "version": 7}
        )
    assert response.status_code == 409
    assert not queue.jobs


def test_a_queue_that_fails_never_fails_the_save(
    monkeypatch, on, owner_client, prep, django_capture_on_commit_callbacks
):
    class Broken:
        def enqueue(self, *args, delay):
            raise ConnectionError("Redis is down")

    monkeypatch.setattr(prerender, "job_queue", Broken)
    with django_capture_on_commit_callbacks(execute=True):
        autosave(owner_client, prep, "kept", 0)
    assert prep.answers.get().text == "kept"
    assert cache.get(prerender._pending_key(prep.pk, "notes")) is None, "the next edit will try again"


def test_off_schedules_nothing(queue, settings, prep):
    settings.PDF_PRERENDER = False
    prerender.schedule_prerender(prep.pk)
    assert not queue.jobs


# --- the job -----------------------------------------------------------------------------------------------


def test_a_job_before_the_edits_settle_waits_and_stays_the_one_pending_job(queue, settings, prep, renders):
    settings.PDF_PRERENDER_DELAY = 5
    prerender.schedule_prerender(prep.pk)
    queue.jobs.clear()

    assert prerender.prerender_job(prep.pk, "notes") == "waiting"
    [(args, delay)] = queue.jobs
    assert args == (prep.pk, "notes", 0) and 4 < delay <= 5
    prerender.schedule_prerender(prep.pk)  # she types on
    assert len(queue.jobs) == 1, "no second pending job"
    assert not renders


def test_a_settled_job_renders_the_current_content_once_and_the_download_is_a_hit(
    queue, owner_client, prep, renders
):
    autosave(owner_client, prep, "Dana Whitfield, 911 director", 0)
    prerender.schedule_prerender(prep.pk)
    assert prerender.prerender_job(prep.pk, "notes") == "rendered"
    assert prerender.prerender_job(prep.pk, "brief") == "rendered"
    assert prerender.prerender_job(prep.pk, "notes") == "cached", "never twice for the same content"
    assert len(renders) == 2

    response = owner_client.get(pdf_url(prep))
    assert response["X-PDF-Cache"] == "hit"
    assert response.content == cached("notes", prep)
    assert owner_client.get(reverse("prep_brief_pdf", args=[prep.pk]))["X-PDF-Cache"] == "hit"
    assert len(renders) == 2


def test_a_job_for_a_deleted_prep_does_nothing(queue, prep, renders):
    prerender.schedule_prerender(prep.pk)
    prep_id = prep.pk
    prep_delete(prep=prep)
    assert prerender.prerender_job(prep_id, "notes") == "gone"
    assert prerender.prerender_job(prep_id, "brief") == "gone"
    assert not renders


def test_a_job_for_an_inactive_owner_does_nothing(queue, owner, prep, renders):
    owner.is_active = False
    owner.save()
    assert prerender.prerender_job(prep.pk, "notes") == "gone"
    assert not renders


def test_a_job_leaves_a_render_a_download_is_doing_to_it(queue, prep, renders):
    digest = prerender.prerender_source("notes", prep).digest
    cache.set(f"pdf-rendering:{digest}", 1)
    assert prerender.prerender_job(prep.pk, "notes") == "a download is rendering it"
    assert not renders


def test_a_job_finding_every_slot_taken_tries_again_later(queue, settings, prep, renders):
    settings.PDF_PRERENDER_WORKERS = 1
    cache.set("pdf-slot:prerender:0", 1)
    assert prerender.prerender_job(prep.pk, "notes") == "busy"
    [(args, delay)] = queue.jobs
    assert args == (prep.pk, "notes", 1) and delay == prerender.BUSY_RETRY_SECONDS
    assert prerender.prerender_job(prep.pk, "notes", prerender.BUSY_RETRIES) == "busy"
    assert len(queue.jobs) == 1, "then it gives up: the download renders"
    assert not renders


# --- the download never waits long on a job ----------------------------------------------------------------


def test_a_download_waits_briefly_for_a_job_that_never_ends_then_renders_itself(
    on, owner_client, prep, renders, settings
):
    digest = prerender.prerender_source("notes", prep).digest
    cache.set(f"{PRERENDERING_PREFIX}:{digest}", 1)  # a job that died holding its marker
    start = time.monotonic()
    response = owner_client.get(pdf_url(prep))
    elapsed = time.monotonic() - start
    assert response.status_code == 200 and response["X-PDF-Cache"] == "miss"
    # It gave up waiting instead of waiting out the dead job's marker (PDF_RENDER_WALL_SECONDS + 5 s); the
    # bound is that marker's life, not a speed, so a busy machine does not fail it.
    assert PRERENDER_WAIT_SECONDS <= elapsed < PRERENDER_WAIT_SECONDS + settings.PDF_RENDER_WALL_SECONDS
    assert renders == [digest]


def test_a_download_during_a_job_gets_the_jobs_bytes(on, owner_client, prep, renders):
    digest = prerender.prerender_source("notes", prep).digest
    marker = f"{PRERENDERING_PREFIX}:{digest}"
    cache.set(marker, 1)

    def job_finishes():
        time.sleep(0.3)
        cache.set(f"{KEY_PREFIX}:{digest}", b"%PDF-1.7 from the job")
        cache.delete(marker)

    thread = threading.Thread(target=job_finishes)
    thread.start()
    response = owner_client.get(pdf_url(prep))
    thread.join()
    assert (response["X-PDF-Cache"], response.content) == ("hit", b"%PDF-1.7 from the job")
    assert not renders


# --- the thread pool (no Redis) ----------------------------------------------------------------------------


def test_the_pool_runs_at_most_its_workers_at_once():
    running, most, ran = [0], [0], []
    lock = threading.Lock()

    def job(n):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.05)
        with lock:
            running[0] -= 1
            ran.append(n)

    pool = prerender.ThreadPool(2, run=job)
    for n in range(8):
        assert pool.enqueue(n, delay=0)
    assert pool.join(timeout=10)
    assert (most[0], sorted(ran)) == (2, list(range(8)))


def test_the_pool_holds_a_bounded_number_of_jobs_and_keeps_the_delay():
    release = threading.Event()
    started = []
    pool = prerender.ThreadPool(
        1, run=lambda n: (started.append((n, time.monotonic())), release.wait(5)), max_waiting=3
    )
    start = time.monotonic()
    assert pool.enqueue(0, delay=0.3)
    assert pool.enqueue(1, delay=0) and pool.enqueue(2, delay=0)
    assert not pool.enqueue(3, delay=0), "full: dropped, the download will render"
    release.set()
    assert pool.join(timeout=10)
    assert [n for n, _ in started] == [1, 2, 0]
    assert started[-1][1] - start >= 0.3


def test_a_failing_job_does_not_stop_the_pool():
    ran = []

    def job(n):
        if n == 0:
            raise RuntimeError("boom")
        ran.append(n)

    pool = prerender.ThreadPool(1, run=job)
    pool.enqueue(0, delay=0)
    pool.enqueue(1, delay=0)
    assert pool.join(timeout=10)
    assert ran == [1]


@pytest.mark.django_db(transaction=True)
def test_with_the_pool_a_download_after_the_edits_settle_is_a_hit(
    settings, private_cache, client, owner, prep, renders
):
    """Real commits, the process's own pool and its threads' own database connections."""
    settings.PDF_PRERENDER = True
    settings.PDF_PRERENDER_DELAY = 0
    settings.RQ_QUEUES = {}
    client.force_login(owner)
    autosave(client, prep, "Dana Whitfield", 0)
    autosave(client, prep, "Dana Whitfield, 911 director", 1)
    assert prerender.thread_pool().join(timeout=30)
    assert client.get(pdf_url(prep))["X-PDF-Cache"] == "hit"
    assert client.get(reverse("prep_brief_pdf", args=[prep.pk]))["X-PDF-Cache"] == "hit"
    assert len(renders) <= 4 and len(set(renders)) == len(renders), "no content rendered twice"


# --- RQ against a real Redis -------------------------------------------------------------------------------


@pytest.fixture
def rq_queue(on):
    redis = pytest.importorskip("redis")
    connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        connection.ping()
    except redis.RedisError as error:
        pytest.skip(f"needs Redis at {REDIS_URL}: {error}")
    import django_rq
    from rq.registry import ScheduledJobRegistry

    name = f"prepmeet-test-prerender-{uuid.uuid4().hex[:8]}"
    on.PDF_PRERENDER_QUEUE = name
    on.RQ_QUEUES = {name: {"URL": REDIS_URL}}
    prerender._rq_queue.cache_clear()
    queue = django_rq.get_queue(name)
    yield queue
    for job_id in ScheduledJobRegistry(queue=queue).get_job_ids():
        ScheduledJobRegistry(queue=queue).remove(job_id, delete_job=True)
    queue.delete(delete_jobs=True)
    prerender._rq_queue.cache_clear()


def burst(queue, *, with_scheduler=False):
    from rq import SimpleWorker

    SimpleWorker([queue], connection=queue.connection).work(burst=True, with_scheduler=with_scheduler)


def test_rq_a_burst_worker_fills_the_cache_and_the_download_is_a_hit(
    rq_queue, owner_client, prep, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        autosave(owner_client, prep, "Dana Whitfield, 911 director", 0)
        autosave(owner_client, prep, "Chief Núñez, police", 0, position=2)
    jobs = rq_queue.get_jobs()
    assert sorted(job.args for job in jobs) == [(prep.pk, "brief", 0), (prep.pk, "notes", 0)]
    assert all(job.kwargs == {} and job.func_name == "documents.prerender.prerender_job" for job in jobs)

    burst(rq_queue)  # real renders, in a child process each
    assert cached("notes", prep).startswith(b"%PDF-")
    assert cached("brief", prep).startswith(b"%PDF-")
    response = owner_client.get(pdf_url(prep))
    assert response["X-PDF-Cache"] == "hit"
    assert owner_client.get(reverse("prep_brief_pdf", args=[prep.pk]))["X-PDF-Cache"] == "hit"


def test_rq_delayed_jobs_wait_in_the_scheduler_until_the_edits_settle(rq_queue, on, prep, renders):
    from rq.registry import ScheduledJobRegistry

    on.PDF_PRERENDER_DELAY = 1
    prerender.schedule_prerender(prep.pk)
    assert rq_queue.count == 0
    assert len(ScheduledJobRegistry(queue=rq_queue)) == 2
    time.sleep(1.2)
    burst(rq_queue, with_scheduler=True)
    assert len(renders) == 2
    assert MeetingPrep.objects.filter(pk=prep.pk).exists()
