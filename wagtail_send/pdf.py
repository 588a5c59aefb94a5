"""Printable records as tagged PDFs (PDF/UA-1), made by WeasyPrint when it is installed.

WeasyPrint is the optional ``pdf`` extra and needs Pango from the operating system, so a
site without either still works: views ask :func:`available` and offer the browser's own
"print or save as PDF" instead.
"""

from urllib.parse import urlparse

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header

try:
    import weasyprint
    from django_weasyprint.utils import DjangoURLFetcher
except (ImportError, OSError):  # OSError: WeasyPrint is there but Pango is not
    weasyprint = None
else:

    class LocalFilesOnly(DjangoURLFetcher):
        """The site's static and media files, read from storage; nothing over the network,
        so a link in rich text cannot make the server send requests or read other files."""

        def fetch(self, url, headers=None):
            path = urlparse(url).path
            if not (url.startswith("file:") and path.startswith(_local_prefixes())):
                raise ValueError(f"Not a static or media file: {url}")
            return super().fetch(url, headers)


def _local_prefixes():
    return tuple(prefix for prefix in (settings.STATIC_URL, settings.MEDIA_URL) if prefix)


def available():
    """Whether PDFs can be made here."""
    return weasyprint is not None


def pdf_response(request, template, context, filename):
    """``template`` rendered as the browser would print it, as a PDF download.

    A plain response with the finished bytes, so the public page cache can keep it.
    """
    html = render_to_string(template, context, request=request)
    document = weasyprint.HTML(string=html, base_url="/", url_fetcher=LocalFilesOnly())
    response = HttpResponse(
        document.write_pdf(pdf_variant="pdf/ua-1"), content_type="application/pdf"
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
