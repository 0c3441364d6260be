"""On SQLite (the development default) concurrent saves never fail with "database is locked".

Threads, each with its own connection, write to one SQLite file at once (``sqlite_writers.py``, run in a fresh
process on a fresh file). With the project's options (WAL, busy_timeout, IMMEDIATE transactions) no save
fails and every answer holds its last saved text. The control shows the same run without the options does
fail: SQLite's deferred transactions cannot upgrade a read to a write while another connection writes.
Results are printed and written to artifacts/security/sqlite-concurrency-<mode>-<workload>.json.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ARTIFACTS = Path(settings.BASE_DIR) / "artifacts" / "security"
# Enough writers at once for the control to fail every time, few enough saves that a busy machine finishes
# them well within the timeout (a safety net, not a measure: 8 x 40 saves once took over 180 s under load).
THREADS, SAVES = 6, 15


def run_writers(tmp_path, mode: str, workload: str) -> dict:
    completed = subprocess.run(
        [sys.executable, "-m", "tests.security.sqlite_writers", str(tmp_path / "db.sqlite3"), mode, workload]
        + [str(THREADS), str(SAVES)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    print(json.dumps(result))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"sqlite-concurrency-{mode}-{workload}.json").write_text(json.dumps(result, indent=2))
    return result


def test_the_development_database_is_configured_for_concurrent_writes():
    from prepmeet.settings import DATABASES  # the settings module itself: tests may run on PostgreSQL

    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        options = DATABASES["default"]["OPTIONS"]
        assert options["transaction_mode"] == "IMMEDIATE"
        assert "PRAGMA journal_mode=WAL" in options["init_command"]
        assert "PRAGMA busy_timeout=20000" in options["init_command"]


@pytest.mark.parametrize("workload", ["answer_save", "read-then-write"])
def test_concurrent_saves_never_hit_database_is_locked(tmp_path, workload):
    result = run_writers(tmp_path, "configured", workload)
    assert result["journal_mode"] == "wal"
    assert result["database_is_locked"] == 0
    assert result["other_errors"] == []
    assert result["still_running"] == 0
    assert result["answers_saved"] == result["answers_holding_last_saved_text"] == THREADS


def test_control_without_the_options_the_same_writes_fail(tmp_path):
    """Shows the workload reaches the failure the options prevent."""
    result = run_writers(tmp_path, "plain", "read-then-write")
    assert result["database_is_locked"] > 0
