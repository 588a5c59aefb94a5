"""The demo loader: two audits a year apart, a need profile, visible gaps; safe to rerun."""

from wagtail_send.audit import acting_as, verify_history
from wagtail_send.roles import Role
from wagtail_send.skills_audit.gaps import analyse
from wagtail_send.skills_audit.models import Campaign, NeedProfile, Response


def test_demo_data_gives_gaps_and_trends(make_user, school, census_codes):
    from example_site.demo.features import skills_audit

    people = {
        "senco": make_user("senco", school=school, role=Role.SENCO),
        "teacher": make_user("teacher", school=school, role=Role.STAFF),
        "ta": make_user("ta", school=school, role=Role.STAFF),
    }
    for _ in range(2):
        with acting_as(people["senco"], "Demo data"):
            skills_audit.load(school=school, people=people, home=None)
    assert Campaign.objects.filter(school=school).count() == 2
    assert NeedProfile.objects.filter(school=school).count() == 1
    assert Response.objects.count() == 26
    latest = Campaign.objects.get(title="Autumn 2026")
    analysis = analyse(people["senco"], latest)
    assert analysis.previous.title == "Autumn 2025"
    assert analysis.respondents_visible
    assert analysis.priorities[0].key == "SLCN"
    assert any(row.change is not None for row in analysis.needs)
    assert verify_history() == []
