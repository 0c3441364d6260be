from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("worksheets.urls")),
]

admin.site.site_header = "prepmeet content"
admin.site.site_title = "prepmeet admin"
admin.site.index_title = "Worksheet content"
