"""The demo data: a complete report and policies with approved versions, loadable twice."""

import datetime

import pytest
from wagtail.models import Site, WorkflowState

from example_site.demo.features import policies as demo
from wagtail_send.audit import acting_as
from wagtail_send.policies.completeness import gaps
from wagtail_send.policies.history import published_versions
from wagtail_send.policies.models import (
    InclusionStrategyPage,
    SENDPolicyPage,
    SENInformationReportPage,
)
from wagtail_send.policies.strategy_checks import problems

pytestmark = pytest.mark.django_db


def test_demo_report_is_complete_with_an_audited_history(school, people):
    home = Site.objects.get(is_default_site=True).root_page
    for _ in range(2):
        with acting_as(people["senco"], "Demo data"):
            demo.load(school=school, people=people, home=home)

    report = SENInformationReportPage.objects.get(school=school)
    school.senco_name, school.senco_email = "Ms Shah", "senco@oakfield.example"
    school.local_offer_url = "https://localoffer.example/"
    assert gaps(report, school=school) == []
    versions = published_versions(report)
    assert len(versions) == 3
    assert all(v.approval.state.finished_by == people["governor"] for v in versions)
    assert versions[0].published_at < versions[1].published_at < versions[2].published_at
    assert SENDPolicyPage.objects.filter(school=school).count() == 2
    waiting = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
    assert [state.content_object.title for state in waiting] == ["Accessibility plan"]


@pytest.mark.parametrize(
    ("today", "school_year"),
    [(datetime.date(2026, 12, 1), 2026), (datetime.date(2027, 7, 20), 2026)],
)
def test_demo_strategy_is_this_school_years_started_from_last(
    school, people, time_machine, today, school_year
):
    time_machine.move_to(datetime.datetime.combine(today, datetime.time(10)), tick=False)
    home = Site.objects.get(is_default_site=True).root_page
    for _ in range(2):
        with acting_as(people["senco"], "Demo data"):
            demo.load(school=school, people=people, home=home)

    strategies = InclusionStrategyPage.objects.filter(school=school).order_by("first_year")
    assert [(s.first_year, s.live) for s in strategies] == [
        (school_year - 1, True),
        (school_year, True),
    ]
    current = strategies.last()
    assert [(a.title, a.continuity) for a in current.activities.all()] == [
        ("Speech and language screening in Reception", "continued"),
        ("Adaptive teaching coaching", "changed"),
        ("Nurture group", "continued"),
        ("Family SEND workshops", "continued"),
        ("Sensory circuits", "new"),
    ]
    assert problems(current) == []
    assert current.next_review > today
