"""Test-only URLs ending in the 403 and 500 pages, for the browser tests to audit (product URLs stay clean).

Used with ``@pytest.mark.urls("tests.browser.error_urls")``.
"""

from django.core.exceptions import PermissionDenied
from django.urls import path

from prepmeet import urls as product_urls


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("a deliberate failure, to show the 500 page")


urlpatterns = [
    path("test-errors/403/", forbidden),
    path("test-errors/500/", broken),
    *product_urls.urlpatterns,
]

# The product's own error handlers, where it names any.
for _name in ("handler400", "handler403", "handler404", "handler500"):
    if hasattr(product_urls, _name):
        globals()[_name] = getattr(product_urls, _name)
