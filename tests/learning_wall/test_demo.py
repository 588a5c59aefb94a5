"""The demo term loads, with photos drawn locally, and loading twice adds nothing."""

import datetime

import pytest
from wagtail.models import Site

from example_site.demo.features import learning_wall as demo
from wagtail_send.audit import acting_as, verify_history
from wagtail_send.learning_wall.models import Post, PostImage, Reply, Team, Useful
from wagtail_send.learning_wall.pages import LearningWallPage
from wagtail_send.learning_wall.rota import rota_status

pytestmark = pytest.mark.django_db


def test_demo_data_loads_and_is_idempotent(school, make_user):
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
    assert LearningWallPage.objects.count() == 1
    assert Team.objects.filter(school=school).count() == 5
    assert Post.objects.filter(school=school).count() == len(demo.POSTS)
    assert PostImage.objects.count() == sum(1 for p in demo.POSTS if p[-1])
    assert Reply.objects.count() == len(demo.REPLIES)
    assert Useful.objects.count() == sum(len(v) for v in demo.USEFUL.values())
    assert len({p.team_id for p in Post.objects.all()}) == 4
    status = rota_status(school, datetime.date(2026, 11, 22))
    assert status.current.name == "Autumn 2"
    assert status.posted and status.due
    assert [t.name for t in status.overdue] == ["Nurture group"]
    assert verify_history() == []
