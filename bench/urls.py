"""The project's URLs plus ``/bench/bare/``: a view returning a constant string, the framework's floor."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), path("", include("prepmeet.urls"))]
