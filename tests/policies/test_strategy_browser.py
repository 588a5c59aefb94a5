"""In Chromium with axe: a parent reads the strategy on a phone; a governor reviews it."""

import datetime
import re

import pytest
from playwright.sync_api import expect
from wagtail.models import TaskState

from tests.conftest import axe_violations, sign_in
from wagtail_send.policies.models import InclusionStrategyPage, StrategyActivity

from .conftest import activity, publish_through_workflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def public_strategy(public_report, people):
    page = InclusionStrategyPage(
        title="Inclusion strategy 2026 to 2029",
        slug="inclusion-strategy",
        first_year=2026,
        years=3,
        imf_allocation=14000,
        publication_date=datetime.date(2026, 11, 1),
        intro="<p>How we invest the inclusive mainstream fund, with our own budget.</p>",
        context="<p>Many pupils join us with speech and language needs.</p>",
        live=False,
    )
    page.activities = [
        StrategyActivity(**activity(), sort_order=0),
        StrategyActivity(
            sort_order=1, **activity(title="Zones of regulation", cost=2500, funding_source="core")
        ),
    ]
    public_report.get_parent().add_child(instance=page)
    return publish_through_workflow(
        page, author=people["senco"], approver=people["governor"], change_note="First"
    )


def fits(tab):
    return tab.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_a_parent_reads_the_strategy_on_a_phone(page, phone, public_strategy, public_report):
    phone.goto(public_report.url)
    phone.get_by_role("link", name="our inclusion strategy for 2026 to 2029").click()
    expect(phone.get_by_role("heading", name="Inclusion strategy 2026 to 2029")).to_be_visible()
    cover = "This strategy covers 3 school years and is reviewed annually."
    expect(phone.get_by_text(cover)).to_be_visible()
    expect(phone.get_by_role("cell", name="Barrier: A third of Year 3").first).to_be_visible()
    assert axe_violations(phone) == []
    assert fits(phone)

    page.goto(public_strategy.url)
    assert axe_violations(page) == []
    expect(page.get_by_role("columnheader", name="Budgeted cost")).to_be_visible()
    expect(page.get_by_role("button", name="Print this page")).to_be_visible()


def test_a_governor_reviews_the_activities_changed(page, public_strategy, people):
    draft = public_strategy.get_latest_revision_as_object()
    activities = list(draft.activities.all())
    activities[0].cost = 5000
    draft.activities = activities
    draft.change_note = "Reading catch-up costs more"
    draft.save_revision(user=people["senco"])
    draft.get_workflow().start(draft, user=people["senco"])
    state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)

    sign_in(page, "governor")
    page.goto(f"/send/policies/review/{state.pk}/")
    expect(page.get_by_role("heading", name="Activities")).to_be_visible()
    expect(page.locator(".send-diff .addition").filter(has_text="5000")).to_be_visible()
    assert axe_violations(page) == []


def test_the_senco_starts_next_years_strategy(page, public_strategy):
    sign_in(page, "senco")
    page.goto(f"/send/policies/strategy/{public_strategy.pk}/next-year/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Start the draft").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    assert InclusionStrategyPage.objects.filter(first_year=2029).exists()
