"""HTML to PDF bytes with WeasyPrint. Imported only when a PDF is rendered: WeasyPrint is slow to import."""

import os
import shutil
import tempfile
import threading
from pathlib import Path

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from worksheets.markdown import ContentTooComplex

from . import text_order
from .cache import static_fingerprint
from .coverage import covered_code_points, mark_uncovered
from .fetcher import StaticFilesOnlyFetcher, static_base_url
from .fonts import shipped_fonts_only
from .tagging import finish_structure, record_sources

record_sources()
text_order.install()
# Read the fonts' character sets here, in the worker: each render's forked child inherits them (coverage.py).
covered_code_points()

MAX_ELEMENT_DEPTH = 100
_this_thread = threading.local()


def html_to_pdf(html: str, **write_options) -> bytes:
    document = HTML(string=html, base_url=static_base_url(), url_fetcher=StaticFilesOnlyFetcher())
    # WeasyPrint lays out recursively and fails at a couple of hundred nested elements: refuse before that.
    if element_depth(document.etree_element) > MAX_ELEMENT_DEPTH:
        raise ContentTooComplex(f"The document nests more than {MAX_ELEMENT_DEPTH} elements deep.")
    # Text in a script no shipped font has becomes a notice, the text kept for readers (coverage.py).
    mark_uncovered(document.etree_element)
    try:
        # Only the fonts under static/pdf/ (fonts.py); a tagged PDF's structure finished for PDF/UA
        # (tagging.py).
        return document.write_pdf(font_config=font_config(), finisher=finish_structure, **write_options)
    except RecursionError:
        raise ContentTooComplex("The document is too deeply nested to lay out.") from None


def font_config() -> FontConfiguration:
    """This thread's font configuration, kept from one render to the next while ``static/pdf/`` is unchanged.

    WeasyPrint copies and registers each ``@font-face`` file once per configuration (a second rule for the
    same file is skipped), and Pango keeps the faces it opened in the configuration's font map: reusing it
    saves ~50 ms of a ~330 ms render. One per thread, as Pango's font maps are not thread-safe; a new one
    when a file under ``static/pdf/`` changes (the same fingerprint as the PDF cache's key).
    """
    fingerprint = static_fingerprint()
    if getattr(_this_thread, "fingerprint", None) != fingerprint:
        _this_thread.font_config, _this_thread.fingerprint = shipped_fonts_only(), fingerprint
        _this_thread.pid = os.getpid()
    if _this_thread.pid != os.getpid():
        _write_to_a_copy_of_the_folder(_this_thread.font_config)
        _this_thread.pid = os.getpid()
    return _this_thread.font_config


def _write_to_a_copy_of_the_folder(config: FontConfiguration) -> None:
    """In a forked render child, whose configuration came from a parent that rendered in its own process:
    the @font-face copies it adds go to a copy of the parent's folder (in the child's scratch folder), never
    into the parent's own. A file a child left there would look, to the parent and its later children, like
    a face they had loaded, and they would skip loading it. (WeasyPrint 70's FontConfiguration._folder.)"""
    folder = config._folder
    if folder is not None:
        copy = Path(tempfile.mkdtemp(prefix="weasyprint-"))
        shutil.copytree(folder, copy, dirs_exist_ok=True)
        config._folder = copy


def element_depth(root) -> int:
    """How deep an ElementTree nests, counted without recursion."""
    deepest, stack = 0, [(root, 1)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return deepest
