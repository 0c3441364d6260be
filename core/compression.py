"""Pages compressed on the way out: HTML only.

Static files come compressed already (WhiteNoise), PDFs and Word files are compressed inside, and JSON
replies are a few hundred bytes. Django's ``GZipMiddleware`` does the work, with its BREACH mitigation: random
bytes in each gzip header change the compressed length of every response, and the CSRF token is masked anew
per request, so a page's length does not leak a secret it holds.
"""

from django.middleware.gzip import GZipMiddleware

COMPRESSED_TYPES = ("text/html",)


class HtmlGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(COMPRESSED_TYPES):
            return response
        return super().process_response(request, response)
