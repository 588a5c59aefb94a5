"""The scale-data generator at a tiny scale: the counts it promises, with valid history."""

import pytest
from django.contrib.auth import get_user_model

from example_site.bench.scale import (
    FULL,
    GRANT_SHARES,
    SCHOOL_PREFIX,
    USERNAME_PREFIX,
    AlreadyGenerated,
    Generator,
    targets,
)
from wagtail_send.audit import verify_history
from wagtail_send.directory.models import Service
from wagtail_send.learning_wall.models import Post
from wagtail_send.models import Membership, School

pytestmark = pytest.mark.django_db


def test_targets_scale_the_full_trust():
    assert targets(1.0) == FULL
    assert targets(0.01) == {
        "staff": 50,
        "posts": 1_000,
        "services": 100,
        "walks": 20,
        "answers": 50,
        "grants": 10_000,
    }
    assert sum(share for _model, _grant, share in GRANT_SHARES) == pytest.approx(1)


def test_tiny_trust_has_the_promised_rows_and_valid_history():
    made = Generator(schools=3, scale=0.01, log=lambda line: None).run()

    assert made == {"schools": 3, **targets(0.01)}
    generated = School.objects.filter(name__startswith=SCHOOL_PREFIX)
    assert generated.count() == 2
    staff = get_user_model().objects.filter(username__startswith=USERNAME_PREFIX)
    assert staff.count() == 50
    # Every generated person belongs to a school; each generated school has a SENCO.
    assert Membership.objects.filter(user__in=staff, role="staff").count() == 50
    assert Membership.objects.filter(user__in=staff, role="senco").count() == 2
    assert Post.objects.filter(title__startswith="Visual timetables").count() == 1_000
    assert Service.objects.filter(name__startswith="Speech and language service").count() == 100
    # The posts are spread over all three schools, so permission filters have work to do.
    assert Post.objects.values("school").distinct().count() == 3
    granted = sum(grant.objects.count() for _model, grant, _share in GRANT_SHARES)
    assert granted >= 10_000
    # Bulk writes left one chained history row per record.
    assert Post.history.filter(title__startswith="Visual timetables").count() == 1_000
    assert verify_history() == []

    with pytest.raises(AlreadyGenerated):
        Generator(schools=3, scale=0.01, log=lambda line: None).run()
