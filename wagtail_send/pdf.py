"""Printable records as tagged PDFs (PDF/UA-1), made by WeasyPrint when it is installed.

WeasyPrint is the optional ``pdf`` extra and needs Pango from the operating system, so a
site without either still works: views ask :func:`available` and offer the browser's own
"print or save as PDF" instead.
"""

from functools import cache
from urllib.parse import urlparse

from django.conf import settings


@cache
def available():
    """Whether PDFs can be made here (WeasyPrint imports and finds Pango)."""
    try:
        import django_weasyprint.views  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def pdf_response(request, template, context, filename):
    """Render ``template`` as the browser would print it, and return it as a PDF download.

    Only the site's own static and media files are read, straight from storage; nothing is
    fetched over the network, so a link in rich text cannot make the server send requests.
    """
    from django_weasyprint.utils import DjangoURLFetcher
    from django_weasyprint.views import WeasyTemplateResponse

    class LocalFilesOnly(DjangoURLFetcher):
        def fetch(self, url, headers=None):
            path = urlparse(url).path
            local = url.startswith("file:") and path.startswith(
                (settings.STATIC_URL, settings.MEDIA_URL)
            )
            if not local:
                raise ValueError(f"Not a static or media file: {url}")
            return super().fetch(url, headers)

    class Response(WeasyTemplateResponse):
        url_fetcher_class = LocalFilesOnly

        def get_base_url(self):
            return "/"  # site-relative URLs become file:/static/... for the fetcher

    return Response(
        request,
        template,
        {**context, "pdf": True},
        filename=filename,
        options={"pdf_variant": "pdf/ua-1"},
    )
