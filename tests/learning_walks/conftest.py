"""A planned walk at Oakfield: three visits to the teacher's class, and a walking team."""

import datetime

import pytest

from wagtail_send.audit import acting_as
from wagtail_send.learning_walks.models import LearningWalk, LookFor, ObservationTemplate, Visit
from wagtail_send.learning_walks.team import add_walker


def make_walk(school, senco, *, visits=3, staff=None, title="Adaptive teaching"):
    """A walk from 09:00 to 12:00 with two look-fors and ``visits`` 10-minute visits."""
    with acting_as(senco, "Test set-up"):
        template = ObservationTemplate.objects.create(
            school=school,
            created_by=senco,
            name="SEND walk",
            teaching_prompts="How is the task adapted?\nWhere is the TA?",
            environment_prompts="Are visual timetables in use?",
            pupil_work_prompts="Is work scaffolded?",
            pupil_voice_prompts="What helps you learn?",
        )
        walk = LearningWalk.objects.create(
            school=school,
            created_by=senco,
            title=title,
            focus="Adaptive teaching for pupils with SEND",
            purpose="monitor",
            date=datetime.date(2026, 11, 26),
            starts_at=datetime.time(9, 0),
            ends_at=datetime.time(12, 0),
            template=template,
        )
        for position, text in enumerate(["Tasks are scaffolded", "Pupils use working walls"]):
            LookFor.objects.create(walk=walk, text=text, position=position)
        for number in range(visits):
            start = datetime.datetime(2026, 11, 26, 9, 0) + datetime.timedelta(minutes=5 * number)
            Visit.objects.create(
                walk=walk,
                area=f"Class {number + 1}",
                room=f"R{number + 1}",
                staff_member=staff,
                starts_at=start.time(),
                ends_at=(start + datetime.timedelta(minutes=5)).time(),
            )
    return walk


@pytest.fixture
def walk(school, people):
    """The walk with the headteacher (learning and teaching) and the governor (pupil voice)."""
    walk = make_walk(school, people["senco"], staff=people["staff"])
    with acting_as(people["senco"], "Test set-up"):
        add_walker(walk, people["slt"], "teaching", by=people["senco"])
        add_walker(walk, people["governor"], "pupil_voice", by=people["senco"])
    return walk


def url(name, *args):
    from django.urls import reverse

    return reverse(f"wagtail_send_learning_walks:{name}", args=args)
