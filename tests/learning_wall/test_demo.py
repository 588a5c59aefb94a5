"""The demo's learning wall loads, with photos drawn locally, on any day of the year;
loading twice adds nothing."""

import datetime
import zoneinfo

import pytest
from wagtail.models import Site

from example_site.demo.features import learning_wall as demo
from wagtail_send.audit import acting_as, verify_history
from wagtail_send.learning_wall.models import HalfTerm, Post, PostImage, Reply, Team, Useful
from wagtail_send.learning_wall.pages import LearningWallPage
from wagtail_send.learning_wall.rota import rota_status
from wagtail_send.learning_wall.views.meeting import DEFAULT_DAYS

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


def _load(school, make_user):
    people = {
        "senco": make_user("senco", school=school, role="senco"),
        "teacher": make_user("teacher", school=school, role="staff"),
        "ta": make_user("ta", school=school, role="staff"),
        "head": make_user("head", school=school, role="slt"),
        "governor": make_user("governor", school=school, role="governor"),
    }
    home = Site.objects.get(is_default_site=True).root_page
    for _ in range(2):
        with acting_as(people["senco"], "Demo data"):
            demo.load(school=school, people=people, home=home)


def test_demo_data_loads_and_is_idempotent(school, make_user, time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 22, 10, tzinfo=LONDON), tick=False)
    _load(school, make_user)
    assert LearningWallPage.objects.count() == 1
    assert Team.objects.filter(school=school).count() == 5
    assert HalfTerm.objects.filter(school=school).count() == 6
    assert Post.objects.filter(school=school).count() == len(demo.POSTS)
    assert PostImage.objects.count() == sum(1 for p in demo.POSTS if p[-1])
    assert Reply.objects.count() == len(demo.REPLIES)
    assert Useful.objects.count() == sum(len(v) for v in demo.USEFUL.values())
    assert len({p.team_id for p in Post.objects.all()}) == 4
    status = rota_status(school)
    assert status.current.name == "Autumn 2"
    assert status.posted and status.due
    assert [t.name for t in status.overdue] == ["Nurture group"]
    assert verify_history() == []


@pytest.mark.parametrize(
    ("day", "half_term"),
    [
        (datetime.date(2026, 11, 22), "Autumn 2"),
        (datetime.date(2027, 2, 1), "Spring 1"),
        (datetime.date(2028, 2, 29), "Spring 2"),
        (datetime.date(2027, 6, 14), "Summer 2"),
        (datetime.date(2026, 9, 2), "Autumn 1"),
        # Holidays: nothing is due; the half-term just ended decides who is overdue.
        (datetime.date(2026, 12, 24), None),
        (datetime.date(2027, 8, 1), None),
    ],
)
def test_the_demo_wall_makes_sense_on_any_day(school, make_user, time_machine, day, half_term):
    time_machine.move_to(datetime.datetime.combine(day, datetime.time(8), LONDON), tick=False)
    _load(school, make_user)
    status = rota_status(school)
    assert (status.current.name if status.current else None) == half_term
    if half_term:
        assert status.due, "some team still has to post this half-term"
    else:
        assert status.previous is not None
        assert "Nurture group" in [t.name for t in status.overdue]
    since = day - datetime.timedelta(days=DEFAULT_DAYS)
    posts = Post.objects.filter(school=school)
    # The staff meeting has something to show, and nothing is dated in the future.
    assert posts.filter(created_at__date__gte=since).exists()
    assert not posts.filter(created_at__date__gt=day).exists()
