"""HTML to PDF bytes with WeasyPrint. Imported only when a PDF is rendered: WeasyPrint is slow to import."""

from weasyprint import HTML

from worksheets.markdown import ContentTooComplex

from .fetcher import StaticFilesOnlyFetcher, static_base_url

MAX_ELEMENT_DEPTH = 100


def html_to_pdf(html: str, **write_options) -> bytes:
    document = HTML(string=html, base_url=static_base_url(), url_fetcher=StaticFilesOnlyFetcher())
    # WeasyPrint lays out recursively and fails at a couple of hundred nested elements: refuse before that.
    if element_depth(document.etree_element) > MAX_ELEMENT_DEPTH:
        raise ContentTooComplex(f"The document nests more than {MAX_ELEMENT_DEPTH} elements deep.")
    try:
        return document.write_pdf(**write_options)
    except RecursionError:
        raise ContentTooComplex("The document is too deeply nested to lay out.") from None


def element_depth(root) -> int:
    """How deep an ElementTree nests, counted without recursion."""
    deepest, stack = 0, [(root, 1)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return deepest
