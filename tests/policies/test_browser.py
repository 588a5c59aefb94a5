"""The public SEN Information Report and the governors' history in Chromium."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from tests.conftest import axe_violations, sign_in
from wagtail_send.policies.models import SchoolPoliciesIndexPage, SENInformationReportPage

from .conftest import full_items, publish_through_workflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def public_report(school, people):
    # Transactional tests flush what Wagtail's migrations made, so rebuild what is missing.
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant("en-gb"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=Page(title="Oakfield Primary", slug="oakfield"))
    Site.objects.all().delete()
    site = Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    school.site = site
    school.senco_name = "Ms Amira Shah"
    school.senco_email = "senco@oakfield.example"
    school.senco_phone = "01632 960 123"
    school.local_offer_url = "https://localoffer.example/"
    school.save()
    index = home.add_child(
        instance=SchoolPoliciesIndexPage(title="SEND policies", slug="send", school=school)
    )
    report = index.add_child(
        instance=SENInformationReportPage(
            title="SEN Information Report", slug="report", live=False, **full_items()
        )
    )
    return publish_through_workflow(
        report, author=people["senco"], approver=people["governor"], change_note="First"
    )


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
