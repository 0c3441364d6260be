from django.contrib import admin
from django.urls import include, path

from core import health

urlpatterns = [
    # Answered by core.health.probes before any other middleware; routed here so reverse() knows them.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("oidc/", include("accounts.sso_urls")),  # single sign-on (mozilla-django-oidc), 404 while off
    path("", include("preps.urls")),
    path("", include("briefs.urls")),
    path("", include("documents.urls")),
    path("", include("outcomes.urls")),
    path("", include("sharing.urls")),
    path("", include("asks.urls")),
    path("", include("worksheets.urls")),
]

handler400 = "core.refusals.bad_request"
handler403 = "core.refusals.permission_denied"

admin.site.site_header = "prepmeet content"
admin.site.site_title = "prepmeet admin"
admin.site.index_title = "Worksheet content"
