"""Shared fixtures: the published worksheet, and three named users (owner, outsider, staff)."""

import os
import uuid

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.management import call_command

from worksheets.models import MeetingPrep, Worksheet

SEED_SLUG = "preparing-to-meet-with-public-safety-stakeholders"
PASSWORD = "correct horse battery staple"
RUNNING_IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

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
    """A test database per test run, so runs side by side on one PostgreSQL server never share one."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        test = settings.DATABASES["default"].setdefault("TEST", {})
        test["NAME"] = f"{test.get('NAME') or 'test_' + settings.DATABASES['default']['NAME']}_{os.getpid()}"


class FastPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """Django's default algorithm and format with one iteration instead of ~1,000,000 (~0.3 s a password).

    The iteration count is written into each hash, so app servers that tests start with the production
    settings still verify these passwords.
    """

    iterations = 1


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["tests.conftest.FastPBKDF2PasswordHasher"]


@pytest.fixture
def worksheet(db) -> Worksheet:
    call_command("load_content", verbosity=0)
    return Worksheet.objects.get(slug=SEED_SLUG)


def make_user(django_user_model, username, **extra):
    return django_user_model.objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD, **extra
    )


@pytest.fixture
def owner(django_user_model):
    return make_user(django_user_model, "olivia")


@pytest.fixture
def outsider(django_user_model):
    return make_user(django_user_model, "oscar")


@pytest.fixture
def staff(django_user_model):
    return make_user(django_user_model, "stella", is_staff=True, is_superuser=True)


@pytest.fixture
def prep(owner, worksheet) -> MeetingPrep:
    return MeetingPrep.objects.create(
        owner=owner,
        worksheet=worksheet,
        meeting_title="First public safety work group",
        program_name="CARE Team",
        jurisdiction="Springfield",
    )


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
