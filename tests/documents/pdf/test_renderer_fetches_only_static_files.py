"""The PDF renderer reads nothing but the project's static files: no network, no other files, no redirects.

A real socket listens on 127.0.0.1 while a PDF is rendered with references to it in user text, in admin
Markdown and straight in the HTML; it must see no connection. A control render with WeasyPrint's own fetcher
shows that the same references do reach it when nothing stops them.
"""

import io
import socket
from pathlib import Path

import pytest
from pypdf import PdfReader
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from documents.pdf.fetcher import FetchRefused, StaticFilesOnlyFetcher, static_base_url, static_root
from documents.pdf.render import html_to_pdf
from documents.sources import prep_pdf_source
from testsupport.factories import answer_create
from testsupport.network import PASSWD_LINE, Listener
from worksheets.models import FAQEntry


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def hostile_html(listener) -> str:
    svg = f"<svg xmlns='http://www.w3.org/2000/svg'><image href='{listener.url('svg.png')}'/></svg>"
    return f"""<!doctype html><html lang="en"><head><title>t</title>
        <link rel="stylesheet" href="{listener.url("link.css")}">
        <link rel="attachment" href="{listener.url("attached.txt")}">
        <style>
          @import url({listener.url("import.css")});
          @font-face {{ font-family: X; src: url({listener.url("font.ttf")}); }}
          body {{ font-family: X; background: url(file:///etc/passwd); }}
          p {{ background: url(https://127.0.0.1:{listener.port}/bg.png); }}
        </style></head><body>
        <p>Text so the page is not empty.</p>
        <img src="{listener.url("img.png")}" alt="">
        <img src="ftp://127.0.0.1:{listener.port}/f.png" alt="">
        <img src="data:image/svg+xml,{svg}" alt="">
        <img src="file:///etc/passwd" alt="">
        <object data="{listener.url("object.svg")}"></object>
        <a rel="attachment" href="file:///etc/passwd">passwd</a>
        </body></html>"""


def embedded_files(pdf: bytes) -> bool:
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    return "/EmbeddedFiles" in root.get("/Names", {})


def test_control_weasyprints_own_fetcher_does_connect(listener):
    """Shows the listener and the hostile HTML work: without our fetcher the renderer calls out."""
    HTML(string=hostile_html(listener), url_fetcher=URLFetcher(timeout=1)).write_pdf()
    assert listener.connections > 0


def test_hostile_html_reaches_neither_network_nor_other_files(listener):
    pdf = html_to_pdf(hostile_html(listener))

    assert listener.connections == 0
    assert PASSWD_LINE.encode() not in pdf
    assert not embedded_files(pdf)
    # The listener was up all along: a connection now is counted.
    socket.create_connection(("127.0.0.1", listener.port)).close()
    listener.close()
    assert listener.connections == 1


@pytest.mark.django_db
def test_user_answers_and_admin_markdown_fetch_nothing(prep, listener):
    question = prep.worksheet.questions.get(position=1)
    question.example = (
        f'Carmen <img src="{listener.url("x.png")}"> and ![x]({listener.url("y.png")})\n\n'
        f"<style>@import url({listener.url()});</style>\n\n"
        '<div style="background: url(file:///etc/passwd)">styled</div>'
    )
    question.save()
    FAQEntry.objects.filter(position=1).update(
        answer=f'<img src="{listener.url("faq.png")}"> [link]({listener.url("a")})',
        sources=f"- ![source]({listener.url('source.png')})",
    )
    answer_create(
        prep=prep,
        question=question,
        text=f'<img src="{listener.url()}"> <link rel="stylesheet" href="{listener.url("a.css")}">',
        version=0,
    )

    content = prep_pdf_source(prep, include_examples=True, include_extras=True).render()

    assert listener.connections == 0
    assert PASSWD_LINE.encode() not in content
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert f'<img src="{listener.url()}">' in " ".join(text.split())  # the user's text, shown as text


# --- The fetcher on its own -------------------------------------------------------------------------------


@pytest.fixture
def fetcher():
    return StaticFilesOnlyFetcher()


def test_serves_the_pdf_style_sheet_and_fonts(fetcher):
    css = fetcher(static_base_url() + "worksheet.css")
    assert css.content_type == "text/css"
    assert b"@font-face" in css.read()
    font = fetcher(static_base_url() + "fonts/noto/NotoSans-Regular.ttf")
    assert len(font.read()) > 100_000


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.png",
        "https://example.org/x.png",
        "ftp://127.0.0.1/x",
        "data:text/css,body{}",
        "file:///etc/passwd",
        "file://evil.example/static/pdf/worksheet.css",
        "gopher://127.0.0.1:70/",
        "//127.0.0.1/x.png",
        "worksheet.css",
    ],
)
def test_refuses_other_schemes_and_files_outside_static(fetcher, url):
    with pytest.raises(FetchRefused):
        fetcher(url)


@pytest.mark.parametrize(
    "suffix",
    [
        "../css/site.css",
        "../../prepmeet/settings.py",
        "fonts/../../../prepmeet/settings.py",
        "fonts/%2e%2e/%2e%2e/%2e%2e/prepmeet/settings.py",
        "fonts/..%2f..%2f..%2fprepmeet/settings.py",
        "../../../../../../etc/passwd",
    ],
)
def test_refuses_dot_dot_escapes(fetcher, suffix):
    with pytest.raises(FetchRefused):
        fetcher(static_base_url() + suffix)


def test_refuses_directories_and_missing_files(fetcher):
    for suffix in ("", "fonts/", "no-such-file.css"):
        with pytest.raises(FetchRefused):
            fetcher(static_base_url() + suffix)


def test_refuses_a_symlink_out_of_static(tmp_path):
    root = tmp_path / "static"
    root.mkdir()
    (root / "ok.css").write_text("p {}")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (root / "link.txt").symlink_to(secret)
    (root / "linked-dir").symlink_to(tmp_path)
    fetcher = StaticFilesOnlyFetcher(root=root)

    assert fetcher(root.as_uri() + "/ok.css").read() == b"p {}"
    for name in ("link.txt", "linked-dir/secret.txt"):
        with pytest.raises(FetchRefused):
            fetcher(root.as_uri() + "/" + name)


def test_urllib_style_open_goes_through_the_same_checks(fetcher):
    with pytest.raises(FetchRefused):
        fetcher.open("http://127.0.0.1:9/")


def test_static_root_is_the_pdf_folder_of_the_projects_static_directory(settings):
    assert static_root() == Path(settings.PROJECT_STATIC_DIR, "pdf").resolve()
    assert static_base_url().startswith("file:///") and static_base_url().endswith("/static/pdf/")
