"""The demo data loads, twice without duplicates, with a clean audit history."""

import pytest

from example_site.demo.features import learning_walks as demo
from wagtail_send.access import can
from wagtail_send.audit import acting_as, verify_history
from wagtail_send.learning_walks.models import Feedback, LearningWalk, WalkReport
from wagtail_send.roles import Role

pytestmark = pytest.mark.django_db


def test_demo_walks_load_idempotently(school, make_user):
    roles = {
        "senco": Role.SENCO,
        "teacher": Role.STAFF,
        "ta": Role.STAFF,
        "head": Role.SLT,
        "governor": Role.GOVERNOR,
    }
    people = {name: make_user(name, school=school, role=role) for name, role in roles.items()}
    for _ in range(2):
        with acting_as(people["senco"], "Demo data"):
            demo.load(school=school, people=people, home=None)
    walks = LearningWalk.objects.filter(school=school)
    assert walks.count() == 3
    assert sum(walk.is_locked for walk in walks) == 2
    assert WalkReport.objects.count() == 2
    feedback = Feedback.objects.filter(visit__staff_member=people["teacher"]).first()
    assert can(people["teacher"], "view", feedback)
    assert verify_history() == []
