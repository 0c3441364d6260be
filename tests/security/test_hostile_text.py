"""Hostile text a user types stays text: escaped in every page, printed as text in the PDF, never fetched.

Each payload goes where a user can put text (an answer, the meeting title, program and city), through the
same requests the pages send. The PDF is rendered while a socket listens on 127.0.0.1 for the addresses the
payloads name; it must receive nothing. The download's file name survives titles built to break the header.
"""

import http.client
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from preps.models import Answer
from testsupport.clients import BrowserClient
from testsupport.network import PASSWD_LINE, Listener

pytestmark = pytest.mark.django_db


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


PAYLOADS = {
    "script": "<script>alert(document.cookie)</script>",
    "style": "<style>body{display:none}</style>",
    "event-handler": '<img src=x onerror="alert(1)">',
    "img-http": '<img src="{http}/img.png">',
    "link-https": '<link rel="stylesheet" href="{https}/link.css">',
    "import-http": "<style>@import url({http}/import.css);</style>",
    "css-url-file": '<div style="background:url(file:///etc/passwd)">x</div>',
    "img-file": '<img src="file:///etc/passwd">',
    "data-svg-fetching-http": "<img src=\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'>"
    "<image href='{http}/svg.png'/></svg>\">",
    "iframe-data": '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
    "attachment-file": '<a rel="attachment" href="file:///etc/passwd">passwd</a>',
    "markdown-image": "![x]({http}/md.png)",
}


def payload_text(name, listener) -> str:
    base = f"127.0.0.1:{listener.port}"
    return PAYLOADS[name].replace("{http}", f"http://{base}").replace("{https}", f"https://{base}")


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_payload_is_text_in_page_and_pdf_and_nothing_is_fetched(owner, prep, listener, name):
    text = payload_text(name, listener)
    client = BrowserClient(owner)
    csrf = {"X-CSRFToken": client.csrf_token}
    question = prep.worksheet.questions.get(position=1)
    saved = client.post(
        reverse("answer_autosave", args=[prep.pk, question.key]),
        {"text": text, "version": 0},
        headers={**csrf, "X-Requested-With": "fetch"},
    )
    assert saved.status_code == 200
    details = client.post(
        reverse("prep_edit", args=[prep.pk]),
        {"meeting_title": text[:200], "program_name": text[:200], "jurisdiction": text[:200]},
        headers=csrf,
    )
    assert details.status_code == 302
    assert Answer.objects.get(prep=prep, question=question).text == text  # kept exactly as typed

    for url in (
        reverse("prep_fill", args=[prep.pk]),
        reverse("dashboard"),
        reverse("prep_edit", args=[prep.pk]),
    ):
        page = client.get(url).content.decode()
        if "<" in text:
            assert text[:200] not in page  # never as markup...
            assert "&lt;" in page  # ...but escaped
        assert not re.search(r"<(script|style|iframe|link)\b[^>]*(alert|127\.0\.0\.1|display:none)", page)

    response = client.get(reverse("prep_pdf", args=[prep.pk]))
    assert response.status_code == 200
    assert listener.connections == 0
    assert PASSWD_LINE.encode() not in response.content
    # The answer, printed as the user typed it (line breaks may fall anywhere in a long address).
    assert "".join(text.split()) in "".join(pdf_text(response.content).split())


def wire(response) -> list[tuple[str, str]]:
    """The response's headers as Django's WSGI handler hands them to the server: its headers, then a
    Set-Cookie header per cookie."""
    return [
        *response.items(),
        *(("Set-Cookie", c.output(header="").strip()) for c in response.cookies.values()),
    ]


TITLES = {
    "quotes": 'He said "hi"; filename="evil.exe"',
    "slashes": "../../etc/passwd \\ C:\\Windows\\x",
    "cr-lf": "Kickoff\r\nSet-Cookie: session=stolen\r\n\r\n<html>",
    "non-ascii": "Réunion à Zürich – 東京 ☎ “première”",
    "only-punctuation": "\"'/\\;:*?<>|",
}


@pytest.mark.parametrize("name", sorted(TITLES))
def test_meeting_title_cannot_break_the_download_file_name(owner, prep, name):
    client = BrowserClient(owner)
    title = TITLES[name]
    saved = client.post(
        reverse("prep_edit", args=[prep.pk]),
        {"meeting_title": title},
        headers={"X-CSRFToken": client.csrf_token},
    )
    assert saved.status_code == 302
    response = client.get(reverse("prep_pdf", args=[prep.pk]))
    assert response.status_code == 200
    header = response["Content-Disposition"]
    assert "\r" not in header and "\n" not in header
    # The headers as a server writes them, read back: the title's CR/LF started no header of its own, and
    # set no cookie (it would arrive as a Set-Cookie header carrying "session=stolen").
    sent = http.client.parse_headers(
        io.BytesIO(b"".join(f"{n}: {v}\r\n".encode() for n, v in wire(response)))
    )
    assert sent["Content-Disposition"] == header
    assert not [cookie for cookie in sent.get_all("Set-Cookie", []) if "stolen" in cookie]
    assert "session" not in response.cookies
    match = re.fullmatch(
        r'attachment; filename="([a-z0-9._-]+\.pdf)"(; filename\*=UTF-8\'\'[A-Za-z0-9%._-]+)?', header
    )
    assert match, header
    assert ".." not in match.group(1) and match.group(1).startswith("meeting-prep-")
