"""The walk report as a tagged PDF for the governors' papers (issue 7, item 4)."""

import io
import os

import pytest
from pypdf import PdfReader

from wagtail_send import pdf

from .conftest import make_walk, url
from .test_review import _agree, _compile_and_sign_off

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not pdf.available() and not os.environ.get("WAGTAILSEND_REQUIRE_PDF"),
        reason="WeasyPrint or Pango is not installed",
    ),
]


def _signed_off(client, walk, people):
    client.force_login(people["senco"])
    _agree(client, walk, people)
    _compile_and_sign_off(client, walk)


def test_governor_downloads_the_signed_off_report_as_a_tagged_pdf(client, walk, people):
    _signed_off(client, walk, people)
    client.force_login(people["governor"])
    page = client.get(url("report", walk.pk)).content.decode()
    assert url("report_pdf", walk.pk) in page

    response = client.get(url("report_pdf", walk.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        f'filename="learning-walk-{walk.date:%Y-%m-%d}-adaptive-teaching.pdf"'
        in (response["Content-Disposition"])
    )
    document = PdfReader(io.BytesIO(response.content))
    text = " ".join(p.extract_text() for p in document.pages)
    for shown in (
        "Adaptive teaching is secure.",
        "Scaffolds seen in every class",
        "Share word-mat templates",
        "15 January 2027",
    ):
        assert shown in text
    # What only makes sense on screen is not printed: the buttons, the account bar.
    for hidden in ("Sign out", "Download as PDF", "Skip to main content"):
        assert hidden not in text
    # Tagged for screen readers, in the page's language, titled as the page is.
    catalog = document.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]
    assert str(catalog["/Lang"]).lower().startswith("en")
    assert "Adaptive teaching" in document.metadata.title


def test_the_pdf_is_guarded_like_the_report(client, walk, people, school, make_user):
    client.force_login(people["senco"])
    _agree(client, walk, people)
    client.post(url("compile", walk.pk), {"report-summary": "Adaptive teaching is secure."})
    # A governor who did not walk waits for sign-off.
    client.force_login(make_user("chair", school=school, role="governor"))
    assert client.get(url("report_pdf", walk.pk)).status_code == 403
    client.force_login(people["other_senco"])
    assert client.get(url("report_pdf", walk.pk)).status_code in (403, 404)
    client.logout()
    assert client.get(url("report_pdf", walk.pk)).status_code == 302  # to sign in


def test_a_walk_without_a_report_goes_to_the_compile_form(client, school, people):
    walk = make_walk(school, people["senco"])
    client.force_login(people["senco"])
    response = client.get(url("report_pdf", walk.pk))
    assert response.status_code == 302 and response.url == url("compile", walk.pk)
