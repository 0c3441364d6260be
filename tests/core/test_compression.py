"""Pages travel compressed when the browser accepts it; other responses and browsers without gzip are left
alone, and two responses of the same page differ in length (Django's BREACH mitigation)."""

import gzip

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_are_compressed_for_browsers_that_accept_gzip(owner_client, prep):
    url = reverse("prep_fill", args=[prep.pk])
    plain = owner_client.get(url)
    assert "Content-Encoding" not in plain
    compressed = owner_client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    html = gzip.decompress(compressed.content).decode()
    assert prep.meeting_title in html
    assert len(compressed.content) < len(plain.content) / 2


def test_compressed_length_varies_between_requests(client, worksheet):
    lengths = {len(client.get("/", headers={"Accept-Encoding": "gzip"}).content) for _ in range(6)}
    assert len(lengths) > 1


def test_documents_and_json_are_not_compressed_again(owner_client, prep):
    faq = owner_client.get(
        reverse("faq_suggestions", args=[prep.pk]), {"q": "liability"}, headers={"Accept-Encoding": "gzip"}
    )
    assert faq.status_code == 200 and "Content-Encoding" not in faq
    pdf = owner_client.get(reverse("prep_pdf", args=[prep.pk]), headers={"Accept-Encoding": "gzip"})
    assert pdf.status_code == 200 and "Content-Encoding" not in pdf
    assert pdf["ETag"].startswith('"')  # still a strong ETag, for the 304s
