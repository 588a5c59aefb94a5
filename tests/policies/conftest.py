"""Fixtures for the policies app: a school's policies index under the site's root page."""

import datetime

import pytest
from wagtail.models import Page, Site

from wagtail_send.policies.items import ITEMS
from wagtail_send.policies.models import (
    SchoolPoliciesIndexPage,
    SENDPolicyPage,
    SENInformationReportPage,
)

WORDS = " ".join(["Pupils are supported by trained staff who know them well"] * 3)


def full_items(**overrides):
    """Every item written in enough words."""
    values = {item.field_name: f"<p>{WORDS}.</p>" for item in ITEMS}
    values.update(overrides)
    return values


@pytest.fixture
def index(school, people):
    root = Site.objects.get(is_default_site=True).root_page
    page = SchoolPoliciesIndexPage(title="Our SEND policies", slug="send-policies", school=school)
    root.add_child(instance=page)
    return page


@pytest.fixture
def report(index, people):
    page = SENInformationReportPage(
        title="SEN Information Report",
        slug="sen-information-report",
        publication_date=datetime.date(2026, 9, 1),
        policy_owner=people["senco"],
        **full_items(),
    )
    index.add_child(instance=page)
    page.save_revision(user=people["senco"]).publish(
        user=people["senco"], skip_permission_checks=True
    )
    return page


def make_policy(index, title, next_review, *, owner=None, live=True):
    page = SENDPolicyPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        publication_date=datetime.date(2025, 1, 1),
        next_review=next_review,
        policy_owner=owner,
        body="<p>The policy.</p>",
        live=live,
    )
    index.add_child(instance=page)
    if live:
        page.save_revision(user=owner).publish(user=owner, skip_permission_checks=True)
    return page


@pytest.fixture
def root_page():
    return Page.objects.get(depth=1)
