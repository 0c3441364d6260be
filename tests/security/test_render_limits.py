"""Every render is bounded.

An answer at the 50,000-character limit shaped to make WeasyPrint's layout superlinear (one unbroken word,
short lines, bullets, paragraphs) is defused in the document data (``documents/content.py``); a render runs
in a child under a CPU and memory limit (``documents/pdf/isolated.py``), so a runaway one ends, not the
worker; a failed render answers a clear page, is logged, and is remembered so that a retry does
not start it again.
"""

import io
import logging
import resource
import time

import pytest
from django.urls import reverse
from pypdf import PdfReader

from documents.content import (
    PDF_ANSWER_MAX_LINES,
    WORD_BREAK_EVERY,
    ZERO_WIDTH_SPACE,
    break_long_runs,
    capped_answer,
)
from documents.pdf.isolated import RenderFailed, render_isolated
from documents.sources import PDFSource, prep_pdf_source
from testsupport.factories import answer_create

LIMIT = 50_000
HOSTILE = {
    "one unbroken word": "a" * LIMIT,
    "25,000 short lines": "ab\n" * (LIMIT // 3),
    "12,500 bullets": "- a\n" * (LIMIT // 4),
    "16,666 paragraphs": "a\n\n" * (LIMIT // 3),
}
# Before the fix each of these took over a minute of CPU; after it about one second here. Eight seconds of
# CPU leaves room for a slower machine and still fails on the superlinear layout.
CPU_SECONDS_ALLOWED = 8.0


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join("\n".join(page.extract_text() for page in reader.pages).split())


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@pytest.mark.parametrize("shape", HOSTILE)
@pytest.mark.django_db
def test_an_answer_at_the_limit_renders_in_bounded_cpu(prep, shape, settings):
    settings.PDF_RENDER_CPU_SECONDS = 30  # the bound under test is the layout's, not the kill
    question = prep.worksheet.questions.get(position=1)
    answer_create(prep=prep, question=question, text=HOSTILE[shape][:LIMIT])
    source = prep_pdf_source(prep, include_examples=False, include_extras=False)

    before = children_cpu()
    content = source.render()
    spent = children_cpu() - before

    assert spent < CPU_SECONDS_ALLOWED, f"{shape}: {spent:.1f} s of CPU"
    assert content.startswith(b"%PDF")


@pytest.mark.django_db
def test_a_capped_answer_says_so_in_the_pdf(prep):
    question = prep.worksheet.questions.get(position=1)
    lines = [f"line{index}" for index in range(1, 1001)]
    answer_create(prep=prep, question=question, text="\n".join(lines))

    text = pdf_text(prep_pdf_source(prep, include_examples=False, include_extras=False).render())

    assert f"line{PDF_ANSWER_MAX_LINES} " in text
    assert f"line{PDF_ANSWER_MAX_LINES + 1} " not in text
    omitted = len("\n".join(lines[PDF_ANSWER_MAX_LINES:]))
    assert f"the last {omitted} characters are left out here" in text
    assert "The whole answer is kept on the fill page." in text


def test_capping_keeps_an_answer_within_the_limits_whole():
    text = "\n".join(["A line of an ordinary answer."] * (PDF_ANSWER_MAX_LINES - 1))
    assert capped_answer(text) == (text, 0)


def test_blank_lines_do_not_count_towards_the_cap():
    text = "\n\n\n".join(["a paragraph"] * (PDF_ANSWER_MAX_LINES - 1))
    assert capped_answer(text)[1] == 0


def test_long_runs_get_break_opportunities_and_words_do_not():
    broken = break_long_runs("short words stay " + "x" * (WORD_BREAK_EVERY * 3 + 1))
    assert broken.startswith("short words stay ")
    pieces = broken.split()[-1].split(ZERO_WIDTH_SPACE)
    assert [len(piece) for piece in pieces] == [WORD_BREAK_EVERY] * 3 + [1]
    assert break_long_runs("x" * WORD_BREAK_EVERY) == "x" * WORD_BREAK_EVERY


def spin() -> bytes:
    while True:
        pass


def hog() -> bytes:
    return b"x" * (4 * 1024 * 1024 * 1024)


def test_a_render_past_its_cpu_limit_ends_and_the_worker_lives_on(settings):
    settings.PDF_RENDER_CPU_SECONDS = 1
    settings.PDF_RENDER_WALL_SECONDS = 120
    with pytest.raises(RenderFailed, match="CPU limit"):  # the CPU limit ended it, not the wall clock
        render_isolated(spin)
    assert render_isolated(lambda: b"%PDF still here") == b"%PDF still here"


def test_a_render_past_its_memory_limit_ends(settings):
    settings.PDF_RENDER_MEMORY_MB = 1024
    with pytest.raises(RenderFailed, match="memory"):
        render_isolated(hog)


def test_the_memory_limit_is_what_a_render_adds_not_the_workers_size(settings):
    """A worker grown large (threads' stacks and arenas, a test's browser server) still renders: the limit
    counts the address space the render adds to the one the fork inherited."""
    import mmap

    settings.PDF_RENDER_MEMORY_MB = 512
    reserved = mmap.mmap(-1, 1536 * 1024 * 1024)  # address space only: no page is touched
    try:
        assert len(render_isolated(lambda: b"%PDF" + b"x" * (100 * 1024 * 1024))) > 100 * 1024 * 1024
    finally:
        reserved.close()


def test_a_render_past_its_wall_clock_is_killed(settings):
    settings.PDF_RENDER_CPU_SECONDS = 60
    settings.PDF_RENDER_WALL_SECONDS = 1
    started = time.monotonic()
    with pytest.raises(RenderFailed, match="no result within 1 s"):
        render_isolated(lambda: time.sleep(120) or b"")
    assert time.monotonic() - started < 120, "killed before the render's own end, however busy the machine"


@pytest.mark.django_db
def test_a_failed_render_answers_a_clear_page_is_logged_and_not_started_again(
    owner_client, prep, private_cache, monkeypatch, caplog
):
    calls = []

    def failing_render(self):
        calls.append(self.digest)
        raise RenderFailed("CPU limit of 20 s reached (signal 24)")

    monkeypatch.setattr(PDFSource, "render", failing_render)
    url = reverse("prep_pdf", args=[prep.pk])
    with caplog.at_level(logging.WARNING, logger="documents.pdf.cache"):
        first = owner_client.get(url)
        second = owner_client.get(url)

    for response in (first, second):
        assert response.status_code == 422
        assert "This PDF can’t be made" in response.content.decode()
        assert "your answers are all kept" in response.content.decode()
    assert len(calls) == 1  # the retry of the same content was refused from the cache
    messages = [record.getMessage() for record in caplog.records]
    assert any("PDF render failed: CPU limit" in message for message in messages)
    assert any("failed before for this content" in message for message in messages)


@pytest.mark.django_db
def test_a_failed_render_is_remembered_only_for_the_same_content(
    owner_client, prep, private_cache, monkeypatch
):
    calls = []

    def failing_render(self):
        calls.append(self.digest)
        raise RenderFailed("memory limit reached")

    monkeypatch.setattr(PDFSource, "render", failing_render)
    url = reverse("prep_pdf", args=[prep.pk])
    owner_client.get(url)
    answer_create(prep=prep, question=prep.worksheet.questions.get(position=1), text="Shorter now.")
    owner_client.get(url)

    assert len(calls) == 2 and calls[0] != calls[1]


def test_a_render_leaves_nothing_in_the_temporary_folder(worksheet, settings, tmp_path, monkeypatch):
    """A render's child leaves by os._exit(), which runs no cleanup: WeasyPrint's copies of the @font-face
    files (~10 MB a render) were left behind in a new /tmp/weasyprint-* folder by every fresh render."""
    import tempfile

    from documents.sources import blank_pdf_source

    settings.PDF_RENDER_ISOLATED = True
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    for _ in range(2):
        assert blank_pdf_source(worksheet).render().startswith(b"%PDF-")
    assert list(tmp_path.iterdir()) == []


def test_a_render_child_leaves_the_other_threads_font_folders(worksheet, settings):
    """A render forked from one thread (a server's request thread) frees, in the child, the font
    configurations of the parent's other threads, and WeasyPrint removed their folders of @font-face copies
    with them: the parent's next render in such a thread failed with FileNotFoundError."""
    import threading

    from documents.pdf import render
    from documents.sources import blank_pdf_source

    settings.PDF_RENDER_ISOLATED = True
    source = blank_pdf_source(worksheet)
    assert render.html_to_pdf(source.html).startswith(b"%PDF-")  # this thread's own folder, in process
    folder = render.font_config()._folder
    assert folder is not None and any(folder.iterdir())
    rendered = []
    thread = threading.Thread(target=lambda: rendered.append(source.render()))
    thread.start()
    thread.join()
    assert rendered and rendered[0].startswith(b"%PDF-")
    assert folder.is_dir() and any(folder.iterdir())
    assert render.html_to_pdf(source.html).startswith(b"%PDF-")
