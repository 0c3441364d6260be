"""Shared fixtures: the published worksheet, and three named users (owner, outsider, staff)."""

import os
import tempfile
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest

from core import throttles
from preps.models import MeetingPrep
from testsupport import factories
from testsupport.ci import RUNNING_IN_CI
from testsupport.live_server import track_requests, wait_until_answered
from worksheets.models import Worksheet

# Playwright's sync API runs an event loop in the test thread; Django then refuses ORM calls unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def database_is_postgresql() -> bool:
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI a browser test that skips is a failure, and so is a PostgreSQL test that skips while the
    configured database is PostgreSQL: CI must run them, not pass without them. CI also runs the suite on
    SQLite, where the PostgreSQL tests skip by design.
    """
    outcome = yield
    report = outcome.get_result()
    if not (RUNNING_IN_CI and report.skipped):
        return
    if any(item.iter_markers("browser")) or (any(item.iter_markers("postgres")) and database_is_postgresql()):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, which must run it: {report.longrepr}"


@pytest.fixture(autouse=True)
def _postgres_only(request):
    """Tests marked ``postgres`` skip unless the configured database is PostgreSQL (see the hook above)."""
    if request.node.get_closest_marker("postgres") and not database_is_postgresql():
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://...")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """A test database per test run, so runs side by side on one PostgreSQL server never share one.

    On SQLite, a file in the temporary directory rather than Django's in-memory database: the browser tests'
    live server answers the page's requests on several threads at once, and an in-memory database shared
    between threads refuses a second writer at once ("database table is locked") instead of waiting, as a
    file database (and the app's own, and PostgreSQL) does.
    """
    from django.conf import settings

    test = settings.DATABASES["default"].setdefault("TEST", {})
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        test["NAME"] = f"{test.get('NAME') or 'test_' + settings.DATABASES['default']['NAME']}_{os.getpid()}"
    else:
        test["NAME"] = str(Path(tempfile.gettempdir()) / f"prepmeet-test-{os.getpid()}.sqlite3")


@pytest.fixture(scope="session")
def live_server(live_server):
    """pytest-django's live server, counting the requests it has taken and not yet answered."""
    track_requests(live_server.thread.httpd)
    return live_server


@pytest.fixture(autouse=True)
def _nothing_in_flight_when_the_database_is_emptied(request):
    """A test that used the live server ends only when nothing can still write to its database: the browser's
    contexts are closed (no new request) and the server has answered every request it took (a save still in
    flight would race the teardown's flush; on PostgreSQL they deadlock). Set up after the database fixture,
    so torn down before its flush, and after the page and context fixtures are torn down."""
    if "live_server" not in request.fixturenames:
        yield
        return
    live_server = request.getfixturevalue("live_server")
    browser = request.getfixturevalue("browser") if "browser" in request.fixturenames else None
    yield
    if browser is not None:
        for context in browser.contexts:
            context.close()
    wait_until_answered(live_server.thread.httpd)


@pytest.fixture(autouse=True)
def _throttle_windows_hold_still(monkeypatch):
    """Throttles count in fixed windows of a minute, an hour or a day (core/throttles.py): a test whose
    requests straddled a window's end would see its count start again, more often the slower the machine.
    Their clock stands still at the start of today's first window for the whole test (a test may set its
    own)."""
    start_of_day = int(time.time()) // 86_400 * 86_400
    monkeypatch.setattr(throttles, "time", SimpleNamespace(time=lambda: start_of_day + 1.0))


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["testsupport.hashers.FastPBKDF2PasswordHasher"]


@pytest.fixture(autouse=True)
def _renders_wait_out_a_busy_machine(settings):
    """A PDF render's wall-clock limit (30 s in production) is for a render that hangs; on a test machine
    whose cores are shared, a healthy render can take that long. Tests of the limit itself set their own."""
    settings.PDF_RENDER_WALL_SECONDS = 120


@pytest.fixture(autouse=True)
def _no_prerender(settings):
    """No PDFs rendered in the background (documents/prerender.py): tests count cache misses and hits, and
    threads rendering behind them would slow and unsettle them. tests/documents/test_prerender.py turns it on;
    PREPMEET_TEST_PRERENDER=on leaves it on everywhere (the browser tests then download as in production)."""
    if os.environ.get("PREPMEET_TEST_PRERENDER", "").lower() != "on":
        settings.PDF_PRERENDER = False


@pytest.fixture
def worksheet(db) -> Worksheet:
    return factories.seed_worksheet()


@pytest.fixture
def owner(db):
    return factories.user_create("olivia")


@pytest.fixture
def outsider(db):
    return factories.user_create("oscar")


@pytest.fixture
def staff(db):
    return factories.user_create("stella", is_staff=True, is_superuser=True)


@pytest.fixture
def prep(owner, worksheet) -> MeetingPrep:
    return factories.prep_create(owner=owner, worksheet=worksheet)


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def private_cache(settings):
    """An empty in-memory cache of this test's own: nothing another test stored in it, and never a Redis
    that others share, whatever REDIS_URL says."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{uuid.uuid4()}",
        }
    }
