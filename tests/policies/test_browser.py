"""The public SEN Information Report and the governors' history in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import axe_violations, sign_in

from .conftest import publish_through_workflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_report_is_accessible_printable_and_fits_a_phone(page, phone, public_report):
    page.goto(public_report.url)
    assert axe_violations(page) == []
    page.get_by_role("link", name="4. Our SENCO and how to contact them").click()
    expect(page).to_have_url(re.compile("#item-4$"))
    expect(page.get_by_role("link", name="senco@oakfield.example")).to_be_visible()
    expect(page.get_by_role("button", name="Print this page")).to_be_visible()  # its script ran
    page.emulate_media(media="print")
    expect(page.locator(".send-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Print this page")).to_be_hidden()

    phone.goto(public_report.url)
    assert axe_violations(phone) == []
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    expect(phone.get_by_role("heading", name="Contents")).to_be_visible()


def test_governor_history_and_comparison_are_accessible(page, public_report, people):
    publish_through_workflow(
        public_report,
        author=people["senco"],
        approver=people["governor"],
        comment="Agreed.",
        item_9="<p>Talk to the class teacher first, then the SENCO, then the governors.</p>",
        change_note="Complaints route",
    )
    sign_in(page, "governor")
    page.goto(f"/send/policies/history/{public_report.pk}/")
    expect(page.get_by_role("cell", name="Complaints route")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Compare the chosen versions").click()
    expect(page.get_by_role("heading", name="9. Complaints about SEN provision")).to_be_visible()
    assert axe_violations(page) == []
