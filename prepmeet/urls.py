from django.contrib import admin
from django.contrib.auth import urls as auth_urls
from django.urls import include, path

from worksheets.views import accounts

urlpatterns = [
    path("admin/", admin.site.urls),
    # Django's account pages, except the password reset form: ours limits how often a link can be asked for.
    path("accounts/password_reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include([p for p in auth_urls.urlpatterns if p.name != "password_reset"])),
    path("", include("worksheets.urls")),
]

handler400 = "worksheets.views.errors.bad_request"

admin.site.site_header = "prepmeet content"
admin.site.site_title = "prepmeet admin"
admin.site.index_title = "Worksheet content"
