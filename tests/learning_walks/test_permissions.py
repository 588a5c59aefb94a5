"""Who sees what: walkers, a guest walker, governors, visited staff (issue 7, item 5)."""

import pytest
from django.utils import timezone

from wagtail_send.access import can, visible
from wagtail_send.audit import acting_as
from wagtail_send.learning_walks.models import (
    Feedback,
    LearningWalk,
    Observation,
    WalkReport,
)
from wagtail_send.learning_walks.team import add_walker, remove_walker, share_with_team
from wagtail_send.models import AccessChange

from .conftest import make_walk, url

pytestmark = pytest.mark.django_db


def _observation(walk, walker_user):
    with acting_as(walker_user, "Test"):
        role = walk.walkers.get(user=walker_user).role
        observation = Observation.objects.create(
            school=walk.school,
            walk=walk,
            visit=walk.visits.first(),
            role=role,
            created_by=walker_user,
            look_for_notes={str(walk.look_fors.first().pk): "Word mats on every table"},
        )
        share_with_team(observation, by=walker_user)
    return observation


def _sign_off(walk, senco):
    with acting_as(senco, "Test"):
        walk.signed_off_at, walk.signed_off_by = timezone.now(), senco
        walk.save(update_fields=["signed_off_at", "signed_off_by", "updated_at"])


def _report(walk, senco):
    with acting_as(senco, "Test"):
        report = WalkReport.objects.create(
            school=walk.school, walk=walk, created_by=senco, summary="Strong scaffolding."
        )
        share_with_team(report, by=senco)
    return report


def _feedback(walk, author):
    with acting_as(author, "Test"):
        feedback = Feedback.objects.create(
            school=walk.school,
            walk=walk,
            visit=walk.visits.first(),
            created_by=author,
            went_well="Clear modelling.",
        )
        share_with_team(feedback, by=author)
    return feedback


def test_walkers_edit_their_walk_only(walk, school, people):
    other = make_walk(school, people["senco"], title="Another walk")
    assert can(people["slt"], "change", walk)
    assert list(visible(people["governor"], LearningWalk, "change")) == [walk]
    assert not can(people["governor"], "change", other)


def test_guest_walker_sees_this_walk_and_nothing_else(client, walk, school, people):
    guest, senco = people["guest"], people["senco"]
    other = make_walk(school, senco, title="Another walk")
    with acting_as(senco, "Test"):
        add_walker(walk, guest, "environment", by=senco)
    assert AccessChange.objects.filter(grantee=guest, as_guest=True, kind="granted").exists()
    observation = _observation(walk, people["slt"])

    client.force_login(guest)
    index = client.get(url("index")).content.decode()
    assert walk.title in index and other.title not in index
    assert client.get(url("plan", walk.pk)).status_code == 200
    assert client.get(url("plan", other.pk)).status_code == 403
    assert client.get(url("observe", walk.pk, walk.visits.first().pk)).status_code == 200
    assert "Word mats on every table" in client.get(url("triangulate", walk.pk)).content.decode()
    assert list(visible(guest, Observation)) == [observation]


def test_removing_the_guest_revokes_everything(client, walk, people):
    guest, senco = people["guest"], people["senco"]
    with acting_as(senco, "Test"):
        walker = add_walker(walk, guest, "environment", by=senco)
    _observation(walk, people["slt"])
    own = _observation(walk, guest)
    assert can(guest, "change", own)
    _report(walk, senco)
    client.force_login(senco)
    client.post(url("remove", walk.pk, "walker", walker.pk))
    assert not walk.walkers.filter(user=guest).exists()
    for model in (LearningWalk, Observation, WalkReport, Feedback):
        assert not visible(guest, model).exists()
    client.force_login(guest)
    assert client.get(url("plan", walk.pk)).status_code == 403
    assert AccessChange.objects.filter(grantee=guest, kind="revoked").exists()


def test_governor_reads_reports_but_not_observations_unless_they_walked(walk, school, people):
    senco, governor = people["senco"], people["governor"]
    other = make_walk(school, senco, title="Phonics walk")
    with acting_as(senco, "Test"):
        add_walker(other, people["slt"], "teaching", by=senco)
    unwalked = _observation(other, people["slt"])
    walked = _observation(walk, people["slt"])
    report = _report(other, senco)
    assert not can(governor, "view", report)  # a draft until the walk is signed off
    _sign_off(other, senco)
    assert can(governor, "view", report)
    assert not can(governor, "view", unwalked)
    assert can(governor, "view", walked)
    assert not can(governor, "view", other)


def test_governor_report_page_shows_no_raw_notes(client, walk, school, people):
    senco = people["senco"]
    other = make_walk(school, senco, title="Phonics walk")
    with acting_as(senco, "Test"):
        add_walker(other, people["slt"], "teaching", by=senco)
    _observation(other, people["slt"])
    _report(other, senco)
    _sign_off(other, senco)
    client.force_login(people["governor"])
    page = client.get(url("report", other.pk)).content.decode()
    assert "Strong scaffolding." in page
    assert "Word mats on every table" not in page
    assert client.get(url("triangulate", other.pk)).status_code == 403


def test_visited_staff_read_only_their_own_feedback_once_sent(client, walk, people, make_user):
    senco, teacher = people["senco"], people["staff"]
    feedback = _feedback(walk, senco)
    client.force_login(teacher)
    assert client.get(url("feedback", feedback.pk)).status_code == 403
    client.force_login(senco)
    client.post(url("send_feedback", feedback.pk))
    client.force_login(teacher)
    response = client.get(url("feedback", feedback.pk))
    assert response.status_code == 200 and "Clear modelling." in response.content.decode()
    assert "Clear modelling." not in client.get(url("index")).content.decode()
    assert f'href="{url("feedback", feedback.pk)}"' in client.get(url("index")).content.decode()
    assert not can(teacher, "view", walk)
    assert not visible(teacher, Observation).exists()
    # Nobody else: not SLT who did not write it... unless they walked; not another teacher.
    colleague = make_user("colleague", school=walk.school, role="staff")
    assert not can(colleague, "view", feedback)
    assert can(people["governor"], "view", feedback)  # a walker on this walk
    other_slt = make_user("deputy", school=walk.school, role="slt")
    assert not can(other_slt, "view", feedback)


def test_walker_removed_loses_feedback_and_report(walk, people):
    senco, head = people["senco"], people["slt"]
    feedback, report = _feedback(walk, senco), _report(walk, senco)
    assert can(head, "change", feedback) and can(head, "change", report)
    with acting_as(senco, "Test"):
        remove_walker(walk.walkers.get(user=head), by=senco)
    assert not can(head, "view", feedback)
    assert can(head, "view", report)  # as SLT, by role
    assert not can(head, "change", report)
