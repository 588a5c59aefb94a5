"""A real Varnish in front: the renewals of public pages purge it, so parents never wait.

varnishd (Debian's ``varnish``) is started on loopback in front of pytest-django's live
server, with a VCL that accepts PURGE from loopback only, and stopped afterwards.
Skipped when varnishd is missing, unless ``WAGTAILSEND_REQUIRE_VARNISH`` is set (CI).
"""

import io
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader
from wagtail.models import PageViewRestriction

from wagtail_send import pdf

pytestmark = pytest.mark.django_db(transaction=True)

VCL = """vcl 4.1;
backend default {{ .host = "127.0.0.1"; .port = "{port}"; }}
acl purgers {{ "127.0.0.1"; }}
sub vcl_recv {{
    if (req.method == "PURGE") {{
        if (client.ip !~ purgers) {{ return (synth(405, "Not allowed")); }}
        return (purge);
    }}
}}
"""


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def varnish(live_server, tmp_path, settings):
    """The address of a varnishd in front of the live server, purged by Wagtail."""
    varnishd = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin")
    if varnishd is None:
        if os.environ.get("WAGTAILSEND_REQUIRE_VARNISH"):
            pytest.fail("varnishd is required but not installed (apt-get install varnish)")
        pytest.skip("Varnish is not installed (apt-get install varnish)")
    vcl = tmp_path / "send.vcl"
    vcl.write_text(VCL.format(port=urlsplit(live_server.url).port))
    port = _free_port()
    process = subprocess.Popen(
        [varnishd, "-F", "-j", "none", "-n", str(tmp_path / "varnish"), "-f", str(vcl)]
        + ["-a", f"127.0.0.1:{port}", "-s", "malloc,32m", "-p", "default_ttl=0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # Varnish is the trust's server, on the real clock: under `faketime make test`
        # libfaketime's preload stops varnishd's manager from starting its child.
        env={k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "FAKETIME")},
    )
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("varnishd did not start")
                time.sleep(0.2)
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": address,
            }
        }
        yield address
    finally:
        process.terminate()
        process.wait(timeout=30)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def through(varnish, path):
    """(status, headers, body) of a parent's GET through Varnish, as the site's host."""
    opener = urllib.request.build_opener(NoRedirect)
    # Our own loopback Varnish, over http: the URL is built here, not taken from input.
    request = urllib.request.Request(varnish + path, headers={"Host": "localhost"})  # noqa: S310
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, b""


def is_hit(headers):
    # On a hit X-Varnish names this request and the one that stored the copy.
    return len(headers["X-Varnish"].split()) == 2 and "Age" in headers


def test_a_parent_reading_through_varnish_sees_every_change_at_once(varnish, public_report, iass):
    path = urlsplit(public_report.full_url).path
    status, headers, html = through(varnish, path)
    assert status == 200 and b"Northshire SENDIASS" in html and not is_hit(headers)
    status, headers, again = through(varnish, path)
    assert is_hit(headers) and again == html

    iass.name = "Northshire SEND Information, Advice and Support"
    iass.save()
    status, headers, html = through(varnish, path)
    assert not is_hit(headers)
    assert b"Northshire SEND Information, Advice and Support" in html
    assert is_hit(through(varnish, path)[1])

    PageViewRestriction.objects.create(
        page=public_report, restriction_type=PageViewRestriction.LOGIN
    )
    status, headers, _html = through(varnish, path)
    assert status == 302 and "login" in headers["Location"]


@pytest.mark.skipif(
    not pdf.available() and not os.environ.get("WAGTAILSEND_REQUIRE_PDF"),
    reason="WeasyPrint or Pango is not installed",
)
def test_the_pdf_through_varnish_is_renewed_with_the_report(varnish, public_report, iass):
    path = urlsplit(public_report.full_url).path + "pdf/"

    def text(body):
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)

    status, _headers, body = through(varnish, path)
    assert status == 200 and "Northshire SENDIASS" in text(body)
    assert is_hit(through(varnish, path)[1])

    iass.name = "Northshire Parent Partnership"
    iass.save()
    status, headers, body = through(varnish, path)
    assert not is_hit(headers) and "Northshire Parent Partnership" in text(body)
    assert is_hit(through(varnish, path)[1])
