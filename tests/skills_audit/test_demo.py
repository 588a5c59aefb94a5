"""The demo loader: two audits a year apart, a need profile, visible gaps; safe to rerun."""

import datetime
import zoneinfo

import pytest

from wagtail_send.audit import acting_as, verify_history
from wagtail_send.roles import Role
from wagtail_send.skills_audit.gaps import analyse
from wagtail_send.skills_audit.models import Campaign, NeedProfile, Response


@pytest.mark.parametrize(
    ("day", "this_year", "last_year", "census"),
    [
        (datetime.date(2026, 11, 22), "Autumn 2026", "Autumn 2025", "Autumn census 2026"),
        (datetime.date(2027, 8, 1), "Summer 2027", "Summer 2026", "Autumn census 2026"),
        (datetime.date(2028, 2, 29), "Spring 2028", "Spring 2027", "Autumn census 2027"),
        # This year's audit opened in the Christmas holiday: still the autumn's.
        (datetime.date(2027, 1, 12), "Autumn 2026", "Autumn 2025", "Autumn census 2026"),
    ],
)
def test_demo_data_gives_gaps_and_trends(
    make_user, school, census_codes, time_machine, day, this_year, last_year, census
):
    from example_site.demo.features import skills_audit

    london = zoneinfo.ZoneInfo("Europe/London")
    time_machine.move_to(datetime.datetime.combine(day, datetime.time(9), london), tick=False)
    people = {
        "senco": make_user("senco", school=school, role=Role.SENCO),
        "teacher": make_user("teacher", school=school, role=Role.STAFF),
        "ta": make_user("ta", school=school, role=Role.STAFF),
    }
    for _ in range(2):
        with acting_as(people["senco"], "Demo data"):
            skills_audit.load(school=school, people=people, home=None)
    assert Campaign.objects.filter(school=school).count() == 2
    assert NeedProfile.objects.get(school=school).title == census
    assert Response.objects.count() == 26
    latest = Campaign.objects.get(title=this_year)
    assert latest.opens_on < day < latest.closes_on, "this year's audit is open"
    analysis = analyse(latest)
    assert analysis.previous.title == last_year
    assert analysis.respondents_visible
    assert analysis.priorities[0].key == "SLCN"
    assert any(row.change is not None for row in analysis.needs)
    assert verify_history() == []
