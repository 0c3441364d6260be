"""Private pages are never stored, logout clears the browser's copy of unsaved text, and
every response - the PDF and the refusal pages included - carries the security headers."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from documents.pdf.isolated import RenderFailed
from documents.sources import PDFSource

pytestmark = pytest.mark.django_db

PRIVATE = "private, no-store"


@pytest.mark.parametrize(
    "name", ["dashboard", "prep_fill", "prep_edit", "account", "prep_create", "home", "faq", "account_delete"]
)
def test_every_page_a_signed_in_user_sees_is_private_no_store(owner_client, prep, name):
    args = [prep.pk] if name.startswith("prep_") and name != "prep_create" else []
    response = owner_client.get(reverse(name, args=args))
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


def test_the_pdf_keeps_its_own_private_revalidated_caching(owner_client, prep, private_cache):
    response = owner_client.get(reverse("prep_pdf", args=[prep.pk]))
    assert response["Cache-Control"] == "private, no-cache"


def test_logout_clears_the_browsers_storage(owner_client):
    response = owner_client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"storage"'
    assert response["Cache-Control"] == PRIVATE


def test_the_logout_form_runs_the_script_that_clears_drafts(owner_client):
    page = owner_client.get(reverse("dashboard")).content.decode()
    assert "data-logout" in page
    assert "js/logout.js" in page
    script = (Path(settings.PROJECT_STATIC_DIR) / "js/logout.js").read_text()
    assert '"prepmeet:"' in script and "removeItem" in script  # the prefix saver.js stores its copies under
    saver = (Path(settings.PROJECT_STATIC_DIR) / "js/saver.js").read_text()
    assert 'this.storageKey = "prepmeet:row:"' in saver
    assert 'return "prepmeet:draft:"' in saver


SECURITY_HEADERS = (
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
)


def assert_security_headers(response, *, csp_contains: str):
    for header in SECURITY_HEADERS:
        assert header in response, f"{header} missing on {response.status_code}"
    assert csp_contains in response["Content-Security-Policy"]


def test_the_pdf_carries_the_security_headers_and_a_csp(owner_client, prep, private_cache):
    response = owner_client.get(reverse("prep_pdf", args=[prep.pk]))
    assert response.status_code == 200
    assert_security_headers(response, csp_contains="frame-ancestors 'none'")
    # Nothing may load from the PDF; Chromium's viewer still shows it (checked with a served PDF, issue 13.7).
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_a_refused_pdf_page_carries_the_pages_csp(owner_client, prep, private_cache, monkeypatch):
    def failing(self):
        raise RenderFailed("memory limit reached")

    monkeypatch.setattr(PDFSource, "render", failing)
    response = owner_client.get(reverse("prep_pdf", args=[prep.pk]))
    assert response.status_code == 422
    assert_security_headers(response, csp_contains="script-src 'self'")


def test_another_users_pdf_is_a_404_with_the_headers(prep, outsider):
    client = Client()
    client.force_login(outsider)
    response = client.get(reverse("prep_pdf", args=[prep.pk]))
    assert response.status_code == 404
    assert_security_headers(response, csp_contains="script-src 'self'")


def test_a_413_and_a_400_carry_the_headers(owner_client):
    too_big = owner_client.generic("POST", reverse("login"), b"", CONTENT_LENGTH="100000000")
    assert too_big.status_code == 413
    assert_security_headers(too_big, csp_contains="script-src 'self'")
    bad = owner_client.generic(
        "POST", reverse("login"), b"a=b", content_type="application/x-www-form-urlencoded; charset=koi8-r"
    )
    assert bad.status_code == 400
    assert_security_headers(bad, csp_contains="script-src 'self'")
