"""Printable records as tagged PDFs (PDF/UA-1), made by WeasyPrint when it is installed.

WeasyPrint is the optional ``pdf`` extra and needs Pango from the operating system, so a
site without either still works: views ask :func:`available` and offer the browser's own
"print or save as PDF" instead. It is imported only to make a PDF, because it adds tens
of megabytes to every web process that imports it.
"""

from ctypes.util import find_library
from functools import cache
from importlib.util import find_spec
from urllib.parse import urlparse

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header


@cache
def available():
    """Whether PDFs can be made here: WeasyPrint is installed and Pango is on the system."""
    return bool(
        find_spec("weasyprint") and find_spec("django_weasyprint") and find_library("pangoft2-1.0")
    )


def local_files_fetcher():
    """A WeasyPrint URL fetcher that reads only the site's own static and media files."""
    return _fetcher_class()()


@cache
def _fetcher_class():
    from django_weasyprint.utils import DjangoURLFetcher

    class LocalFilesOnly(DjangoURLFetcher):
        """The site's static and media files, read from storage; nothing over the network,
        so a link in rich text cannot make the server send requests or read other files."""

        def fetch(self, url, headers=None):
            prefixes = tuple(p for p in (settings.STATIC_URL, settings.MEDIA_URL) if p)
            if not (url.startswith("file:") and urlparse(url).path.startswith(prefixes)):
                raise ValueError(f"Not a static or media file: {url}")
            return super().fetch(url, headers)

    return LocalFilesOnly


def pdf_response(request, template, context, filename):
    """``template`` rendered as the browser would print it, as a PDF download.

    A plain response with the finished bytes, so the public page cache can keep it.
    """
    import weasyprint

    html = render_to_string(template, context, request=request)
    document = weasyprint.HTML(string=html, base_url="/", url_fetcher=local_files_fetcher())
    response = HttpResponse(
        document.write_pdf(pdf_variant="pdf/ua-1"), content_type="application/pdf"
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
