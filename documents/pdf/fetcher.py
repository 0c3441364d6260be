"""The only way the PDF renderer reads anything: files inside the project's ``static/pdf/`` directory.

WeasyPrint fetches every stylesheet, font, image and attachment through its URL fetcher. The default one
speaks http, https, ftp, data: and file:// anywhere on disk and follows redirects, so a stray ``<img src>`` or
``url()`` in the rendered HTML could probe the internal network or read server files into the PDF. This
fetcher never opens a network connection: it maps ``file:`` URLs to paths, resolves them (``..`` and symlinks
included) and serves the file only if the real path is still inside the real ``static/pdf/`` directory. The
pages' own CSS, scripts and images elsewhere under ``static/`` are out of its reach.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse


class FetchRefused(ValueError):
    """WeasyPrint logs this and renders on without the resource."""


def static_root() -> Path:
    """The PDF's CSS and fonts (``settings.PDF_STATIC_DIR``): all the renderer reads."""
    return Path(settings.PDF_STATIC_DIR).resolve()


def static_base_url() -> str:
    """The base URL the PDF template's relative references (``worksheet.css``) resolve against."""
    return static_root().as_uri() + "/"


class StaticFilesOnlyFetcher(URLFetcher):
    def __init__(self, root: Path | None = None):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.root = (root or static_root()).resolve()

    def fetch(self, url, headers=None):
        path = self.path_for(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    def path_for(self, url: str) -> Path:
        """The real path of a ``file:`` URL inside the root, or ``FetchRefused``."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file":
            raise FetchRefused(f"only static files are fetched, not {parts.scheme or 'relative'} URLs")
        if parts.netloc not in ("", "localhost"):
            raise FetchRefused("file URLs naming a host are refused")
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise FetchRefused("not a file inside the PDF's static directory")
        return path

    def open(self, url, data=None, timeout=None):
        # OpenerDirector.open would reach urllib's handlers; nothing may bypass fetch().
        url = getattr(url, "full_url", url)
        return self.fetch(url)
