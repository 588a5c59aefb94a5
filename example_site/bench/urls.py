"""The site's URLs plus one bench-only view, mounted only by example_site.settings.bench."""

from django.http import HttpResponse
from django.urls import include, path


def constant(request):
    """Django's floor: a view that returns a constant string through the same middleware."""
    return HttpResponse("constant", content_type="text/plain")


urlpatterns = [
    path("bench/constant/", constant, name="bench_constant"),
    path("", include("example_site.urls")),
]
