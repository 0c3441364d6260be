"""Fresh renders are limited per user and per server (at once and per minute), with a 429
and a Retry-After the page explains; identical requests share one render; cached PDFs are never limited."""

import threading
import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from documents.pdf.limits import RenderLimited, limited_render
from documents.sources import PDFSource
from testsupport.factories import answer_create, prep_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted_renders(monkeypatch):
    calls = []

    def fake_render(self):
        calls.append(self.digest)
        return b"%PDF-1.7 fake " + self.digest.encode()

    monkeypatch.setattr(PDFSource, "render", fake_render)
    return calls


def test_fresh_renders_per_user_are_limited_with_a_clear_429(
    owner_client, prep, private_cache, counted_renders, settings
):
    settings.PDF_RENDER_RATE_PER_USER = 3
    question = prep.worksheet.questions.get(position=1)
    url = reverse("prep_pdf", args=[prep.pk])
    statuses = []
    for number in range(4):
        prep.answers.filter(question=question).delete()
        answer_create(prep=prep, question=question, text=f"Version {number}")
        response = owner_client.get(url)
        statuses.append(response.status_code)
    assert statuses == [200, 200, 200, 429]
    assert 1 <= int(response["Retry-After"]) <= 60
    page = response.content.decode()
    assert "Too many PDFs at once" in page
    assert f"try again in {response['Retry-After']} seconds" in page
    assert len(counted_renders) == 3


def test_a_cached_pdf_is_never_limited(owner_client, prep, private_cache, counted_renders, settings):
    settings.PDF_RENDER_RATE_PER_USER = 1
    url = reverse("prep_pdf", args=[prep.pk])
    assert [owner_client.get(url).status_code for _ in range(5)] == [200] * 5
    assert len(counted_renders) == 1


def test_one_users_limit_leaves_another_user_served(owner_client, prep, outsider, private_cache, settings):
    settings.PDF_RENDER_RATE_PER_USER = 1
    other_prep = prep_create(owner=outsider, worksheet=prep.worksheet, meeting_title="Oscar’s")
    question = prep.worksheet.questions.get(position=1)
    owner_client.get(reverse("prep_pdf", args=[prep.pk]))
    answer_create(prep=prep, question=question, text="changed")
    assert owner_client.get(reverse("prep_pdf", args=[prep.pk])).status_code == 429
    other = Client()
    other.force_login(outsider)
    assert other.get(reverse("prep_pdf", args=[other_prep.pk])).status_code == 200


def test_the_server_wide_rate_is_limited(private_cache, settings):
    settings.PDF_RENDER_RATE_SERVER = 2
    for number in range(2):
        limited_render(f"d{number}", lambda: b"x", user_key=f"u{number}", cached=lambda: None)
    with pytest.raises(RenderLimited, match="server"):
        limited_render("d9", lambda: b"x", user_key="u9", cached=lambda: None)


def test_renders_at_once_per_user_and_per_server_are_limited(private_cache, settings):
    settings.PDF_RENDERS_AT_ONCE_PER_USER = 1
    settings.PDF_RENDERS_AT_ONCE_SERVER = 2
    outcomes = {}

    def nested(label, user_key):
        try:
            limited_render(label, lambda: b"x", user_key=user_key, cached=lambda: None)
            outcomes[label] = "rendered"
        except RenderLimited as error:
            outcomes[label] = error.reason

    def first_render():
        nested("same-user", "u1")  # while u1's first render runs
        nested("other-user", "u2")  # uses the second server slot
        return b"x"

    def second_render():
        nested("third-user", "u3")  # both server slots taken
        return b"x"

    limited_render("outer", first_render, user_key="u1", cached=lambda: None)
    assert "renders already running (user:u1)" in outcomes["same-user"]
    assert outcomes["other-user"] == "rendered"

    settings.PDF_RENDERS_AT_ONCE_SERVER = 1
    limited_render("outer2", second_render, user_key="u4", cached=lambda: None)
    assert "renders already running (server)" in outcomes["third-user"]


def test_identical_requests_share_one_render(private_cache, settings):
    started, release = threading.Event(), threading.Event()
    renders = []
    store = {}

    def slow_render():
        renders.append(1)
        started.set()
        release.wait(10)
        store["bytes"] = b"%PDF shared"
        return store["bytes"]

    results = []
    leader = threading.Thread(
        target=lambda: results.append(
            limited_render("same", slow_render, user_key="u1", cached=lambda: store.get("bytes"))
        )
    )
    leader.start()
    assert started.wait(10)
    follower = threading.Thread(
        target=lambda: results.append(
            limited_render("same", slow_render, user_key="u2", cached=lambda: store.get("bytes"))
        )
    )
    follower.start()
    time.sleep(0.3)
    release.set()
    leader.join(10)
    follower.join(10)
    assert results == [b"%PDF shared", b"%PDF shared"]
    assert len(renders) == 1
    assert cache.get("pdf-rendering:same") is None


def test_the_limits_are_settings(settings):
    for name in (
        "PDF_RENDERS_AT_ONCE_PER_USER",
        "PDF_RENDERS_AT_ONCE_SERVER",
        "PDF_RENDER_RATE_PER_USER",
        "PDF_RENDER_RATE_SERVER",
    ):
        assert isinstance(getattr(settings, name), int)
