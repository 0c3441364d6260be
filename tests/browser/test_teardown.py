"""A browser test that ends in the middle of a save leaves a clean database for the next one.

The first test ends while the live server is still inside an autosave (held there for a moment on
purpose); the teardown (tests/conftest.py, ``_nothing_in_flight_when_the_database_is_emptied``) must let that
save finish before the database is emptied. The second test, which pytest runs next, checks that the save
completed against the first test's data, and that it starts on an empty database.
"""

import threading
import time

import pytest
from django.contrib.auth import get_user_model

from preps.models import Answer, MeetingPrep
from preps.views import autosave

pytestmark = pytest.mark.django_db(transaction=True)

SAVES_FINISHED: list[str] = []


def test_a_test_may_end_while_its_last_save_is_still_being_answered(
    page, live_server, prep, log_in, monkeypatch
):
    entered = threading.Event()
    real_save = autosave.answer_save

    def slow_save(**kwargs):
        entered.set()
        time.sleep(1)  # keeps the request in flight after the test has returned
        try:
            real_save(**kwargs)
        except Exception as error:  # the prep was flushed away under the save
            SAVES_FINISHED.append(f"failed: {error!r}")
            raise
        SAVES_FINISHED.append("saved")

    monkeypatch.setattr(autosave, "answer_save", slow_save)
    log_in(prep.owner)
    page.goto(live_server.url + prep.get_absolute_url())
    page.get_by_role("textbox", name="My answers").first.fill("Typed just before the test ends")
    assert entered.wait(timeout=30), "the autosave never reached the server"


def test_the_next_test_starts_after_that_save_and_on_an_empty_database():
    assert SAVES_FINISHED == ["saved"]
    assert not get_user_model().objects.exists()
    assert not MeetingPrep.objects.exists()
    assert not Answer.objects.exists()
