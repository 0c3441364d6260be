"""HTML to PDF bytes with WeasyPrint. Imported only when a PDF is rendered: WeasyPrint is slow to import."""

from weasyprint import HTML

from .fetcher import StaticFilesOnlyFetcher, static_base_url


def html_to_pdf(html: str) -> bytes:
    document = HTML(string=html, base_url=static_base_url(), url_fetcher=StaticFilesOnlyFetcher())
    # PDF/UA-1: tagged structure, the <title> shown as the document title and the <html lang> recorded.
    return document.write_pdf(pdf_variant="pdf/ua-1")
