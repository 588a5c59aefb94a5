"""Fixtures for the skills audit: an open audit with the default question bank, and staff."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail_send.audit import acting_as
from wagtail_send.audit.context import noting
from wagtail_send.models import Membership, NeedType
from wagtail_send.models.needs import seed_need_types
from wagtail_send.roles import Role
from wagtail_send.skills_audit.models import Campaign, Question, Response


def make_campaign(school, senco, title="Autumn 2026", days_ago=1, length=30, **extra):
    today = timezone.localdate()
    with acting_as(senco, "test"):
        return Campaign.objects.create(
            school=school,
            title=title,
            opens_on=today - datetime.timedelta(days=days_ago),
            closes_on=today - datetime.timedelta(days=days_ago) + datetime.timedelta(days=length),
            created_by=senco,
            **extra,
        )


def question(school, code):
    """The default-bank question about census need ``code``."""
    return Question.objects.get(school=school, need__code=code)


def add_staff(school, count, job_title="Class teacher", prefix="staff"):
    """``count`` members of staff, made in bulk."""
    users = get_user_model().objects.bulk_create(
        [
            get_user_model()(
                username=f"{prefix}{i}",
                first_name=f"Person{i}",
                email=f"{prefix}{i}@school.example",
            )
            for i in range(count)
        ]
    )
    with noting("test"):
        Membership.objects.bulk_create(
            Membership(user=u, school=school, role=Role.STAFF, job_title=job_title) for u in users
        )
    return users


def answer_all(campaign, users, answers, job_title="Class teacher"):
    """Sent answers for each of ``users``; ``answers`` maps question -> (rating, training)."""
    stored = {
        str(q.pk): {"confidence": rating, "training": training, "comment": ""}
        for q, (rating, training) in answers.items()
    }
    with acting_as(None, "test"):
        return Response.objects.bulk_create(
            [
                Response(
                    school=campaign.school,
                    campaign=campaign,
                    created_by=u,
                    answers=stored,
                    job_title=job_title,
                    submitted_at=timezone.now(),
                )
                for u in users
            ]
        )


def answer_each(campaign, users, answers, **kwargs):
    """Sent answers, one mapping of question -> (rating, training) per person in ``users``."""
    return [
        answer_all(campaign, [user], given, **kwargs)[0]
        for user, given in zip(users, answers, strict=True)
    ]


@pytest.fixture
def census_codes(school):
    """The core's census types of need (seeded on migrate and after every flush)."""
    seed_need_types(NeedType)


@pytest.fixture
def campaign(census_codes, school, people):
    return make_campaign(school, people["senco"])
