"""The kinds of document prepmeet makes, each one entry here: data + template + renderer.

A kind says which template lays it out, how to build that template's context from its subject (a meeting
prep's content, or a worksheet for the blank one) and its options, and what the file is called. The PDF
renderer, its cache and the download view are shared: a new kind of document is a new ``DocumentKind``,
not a second code path.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

# PDF/UA-1: tagged structure, the <title> shown as the document title and the <html lang> recorded.
PDF_UA = MappingProxyType({"pdf_variant": "pdf/ua-1"})


@dataclass(frozen=True)
class DocumentKind:
    name: str
    title: str  # what the user calls it
    template: str
    context: Callable[..., dict]  # (subject, **options) -> the template's context
    filename: Callable[..., str]  # (subject, **options) -> the download's file name
    write_options: Mapping = field(default_factory=lambda: PDF_UA)


_kinds: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    if kind.name in _kinds:
        raise ValueError(f"a document kind named {kind.name!r} is registered already")
    _kinds[kind.name] = kind
    return kind


def document_kind(name: str) -> DocumentKind:
    return _kinds[name]
