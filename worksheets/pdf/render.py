"""HTML to PDF bytes with WeasyPrint. Imported only when a PDF is rendered: WeasyPrint is slow to import."""

from weasyprint import HTML

from .fetcher import StaticFilesOnlyFetcher, static_base_url


def html_to_pdf(html: str, **write_options) -> bytes:
    document = HTML(string=html, base_url=static_base_url(), url_fetcher=StaticFilesOnlyFetcher())
    return document.write_pdf(**write_options)
