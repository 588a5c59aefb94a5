"""The SEN Information Report and each policy as a tagged PDF for parents and governors."""

import io
import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from wagtail_send import pdf

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not pdf.available() and not os.environ.get("WAGTAILSEND_REQUIRE_PDF"),
        reason="WeasyPrint or Pango is not installed",
    ),
]


def _text(response):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_a_parent_downloads_the_live_report_as_a_tagged_pdf(client, report, people):
    page = client.get(report.url).content.decode()
    assert f'href="{report.url}pdf/"' in page

    response = client.get(f"{report.url}pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        f"{report.slug}-{report.publication_date:%Y-%m-%d}.pdf" in response["Content-Disposition"]
    )
    text = _text(response)
    assert "SEN Information Report" in text
    assert "Complaints about SEN provision" in text  # item 9, one of every item
    assert "Print this page" not in text and "Download as PDF" not in text
    catalog = PdfReader(io.BytesIO(response.content)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog and str(catalog["/Lang"]).lower().startswith("en")

    # Served again from the public cache, and renewed when a new version is published.
    with CaptureQueriesContext(connection) as queries:
        again = client.get(f"{report.url}pdf/")
    assert again.content == response.content and len(queries) == 0
    report.item_9 = "<p>Speak to Mrs Patel, our SEND governor.</p>"
    report.save_revision(user=people["senco"]).publish(
        user=people["senco"], skip_permission_checks=True
    )
    assert "Mrs Patel" in _text(client.get(f"{report.url}pdf/"))


def test_a_tracked_write_renews_the_report_and_its_pdf_at_once(client, report, iass, redis_cache):
    pdf_url = f"{report.url}pdf/"
    assert "Northshire SENDIASS" in client.get(report.url).content.decode()
    assert "Northshire SENDIASS" in _text(client.get(pdf_url))
    with CaptureQueriesContext(connection) as queries:
        client.get(pdf_url)
    assert len(queries) == 0  # both are cached copies now

    iass.name = "Northshire Parent Partnership"
    iass.save()
    assert "Northshire Parent Partnership" in client.get(report.url).content.decode()
    text = _text(client.get(pdf_url))
    assert "Northshire Parent Partnership" in text and "Northshire SENDIASS" not in text


def test_a_draft_is_never_in_the_pdf(client, report):
    report.item_9 = "<p>Not agreed yet: a new complaints route.</p>"
    report.save_revision()  # a draft, not published
    assert "Not agreed yet" not in _text(client.get(f"{report.url}pdf/"))


def test_making_a_pdf_reads_nothing_outside_the_sites_own_files():
    fetcher = pdf.local_files_fetcher()
    for url in ("http://169.254.169.254/latest/meta-data/", "file:///etc/passwd"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch("file:///static/wagtail_send/send.css").read().startswith(b"/*")
