"""Fixtures for the policies app: a school's policies index under the site's root page."""

import datetime

import pytest
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

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


def publish_through_workflow(page, *, author, approver, comment="", **changes):
    """Save a revision of ``page`` as ``author``, submit it and approve it as ``approver``."""
    from wagtail.models import WorkflowState

    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision(user=author)
    workflow = page.get_workflow()
    state = workflow.start(page, user=author)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, approver, "approve", comment=comment)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    page.refresh_from_db()
    return page


@pytest.fixture
def audited_report(report, people):
    """The report with two more versions, each approved by the governor."""
    publish_through_workflow(
        report,
        author=people["senco"],
        approver=people["governor"],
        comment="Agreed at the autumn FGB.",
        item_9="<p>Talk to the class teacher first, then the SENCO, then the governors.</p>",
        change_note="Complaints route made clearer",
    )
    publish_through_workflow(
        report,
        author=people["senco"],
        approver=people["governor"],
        item_1="<p>We provide for all four areas of need, with a speech and language base.</p>",
        change_note="Speech and language base added",
    )
    return report


@pytest.fixture
def public_report(school, people):
    """The published report on a site of its own, for tests against a live server."""
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


@pytest.fixture
def iass(school, people):
    """A public directory entry the report lists under support for parents (item 11)."""
    from wagtail_send.directory.models import Service
    from wagtail_send.directory.taxonomy import ServiceType

    return Service.objects.create(
        school=school,
        created_by=people["senco"],
        name="Northshire SENDIASS",
        service_type=ServiceType.IASS,
        is_public=True,
    )


def activity(**overrides):
    """An activity of the strategy with every field the completeness check asks for."""
    from wagtail_send.policies.models import InclusionPrinciple

    values = {
        "title": "Reading catch-up",
        "barrier": "A third of Year 3 read below their age.",
        "cohort": "Year 3 pupils reading below their age",
        "description": "Daily phonics catch-up with a trained teaching assistant.",
        "cost": 4000,
        "funding_source": "imf",
        "intended_impact": "Pupils read at their age by the summer.",
        "impact_measure": "Reading age, from September's baseline to a July target.",
        "review_date": datetime.date(2027, 2, 1),
        "principles": list(InclusionPrinciple.objects.all()[:2]),
    }
    values.update(overrides)
    return values


@pytest.fixture
def strategy(index, people):
    """A one-year strategy with two activities, published through the governors' approval."""
    from wagtail_send.policies.models import InclusionStrategyPage, StrategyActivity

    page = InclusionStrategyPage(
        title="Inclusion strategy 2026 to 2027",
        slug="inclusion-strategy",
        first_year=2026,
        imf_allocation=14000,
        publication_date=datetime.date(2026, 11, 1),
        policy_owner=people["senco"],
        intro="<p>How we invest the inclusive mainstream fund.</p>",
        live=False,
    )
    page.activities = [
        StrategyActivity(**activity(), sort_order=0),
        StrategyActivity(
            sort_order=1,
            **activity(
                title="Zones of regulation",
                barrier="Pupils find it hard to manage big feelings in class.",
                cohort="Key stage 2",
                cost=2500,
                funding_source="notional_sen",
            ),
        ),
    ]
    index.add_child(instance=page)
    return publish_through_workflow(
        page, author=people["senco"], approver=people["governor"], change_note="First"
    )
