"""Render meeting-prep PDFs of one source tree on request: one script measures the old and the new commit.

``python bench/render_probe.py TREE SPEC.json`` sets up Django from TREE (its code, templates, CSS and fonts)
on a temporary SQLite database, creates one answered meeting prep per document in SPEC, then answers each
stdin line ``render <document>`` with one JSON line ``{"seconds": ..., "cpu_seconds": ..., "pages": ...,
"bytes": ...}`` (wall-clock and this process's CPU time); ``quit`` ends it.
``bench/pdf.py`` runs one probe on the current tree and one on the baseline commit's worktree and alternates
their renders, so both see the same machine load. It uses only what both trees have: the models, the
``load_content`` command and ``worksheets.pdf.render_prep_pdf`` (a fresh render, past any cache).
"""

import datetime
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path


def setup_django(tree: Path, database: Path) -> None:
    sys.path.insert(0, str(tree))
    if Path(sys.path[1]).resolve() == Path(__file__).resolve().parent:
        del sys.path[1]  # run as a script: bench/'s modules (pdf.py...) must not shadow anything
    os.chdir(tree)
    os.environ["DJANGO_SETTINGS_MODULE"] = "prepmeet.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.pop("REDIS_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("load_content", verbosity=0)


def create_prep(answers_by_position: dict, *, username: str, title: str):
    """A meeting prep of the seed worksheet with every question answered, owned by a new user with a name."""
    from testsupport.factories import answer_create, prep_create, seed_worksheet, user_create

    owner = user_create(username, password="bench-password", first_name="Olivia", last_name="Martínez")
    worksheet = seed_worksheet()
    prep = prep_create(
        owner=owner,
        worksheet=worksheet,
        meeting_title=title,
        meeting_date=datetime.date(2026, 12, 3),
        program_name="CARE Team",
        jurisdiction="Springfield",
    )
    for question in worksheet.questions.all():
        text = answers_by_position.get(str(question.position)) or answers_by_position.get(question.position)
        answer_create(prep=prep, question=question, text=text or "")
    return prep


def page_count(content: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


def main(tree: Path, spec_path: Path) -> None:
    spec = json.loads(spec_path.read_text())
    with tempfile.TemporaryDirectory(prefix="prepmeet-probe-") as scratch:
        setup_django(tree, Path(scratch) / "probe.sqlite3")
        from documents.sources import prep_pdf_source
        from preps.models import MeetingPrep

        preps = {
            name: create_prep(answers, username=f"probe{index}", title="First public safety work group")
            for index, (name, answers) in enumerate(spec["documents"].items())
        }
        print(
            json.dumps({"ready": True, "worksheets_module": sys.modules["worksheets"].__file__}), flush=True
        )
        for line in sys.stdin:
            command, _, name = line.strip().partition(" ")
            if command == "quit":
                break
            prep = MeetingPrep.objects.select_related("worksheet").get(pk=preps[name].pk)
            start, start_cpu = time.perf_counter(), time.process_time()
            content = prep_pdf_source(prep, include_examples=True, include_extras=True).render()
            seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - start_cpu
            result = {
                "seconds": seconds,
                "cpu_seconds": cpu_seconds,
                "pages": page_count(content),
                "bytes": len(content),
            }
            print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve())
