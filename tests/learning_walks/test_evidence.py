"""Issue 15, finding 5: evidence is archived, never deleted, and a signed-off walk is locked.

The walk of ``conftest.walk`` is planned (so led) by the SENCO; the headteacher and the
governor walk it.
"""

import pytest

from wagtail_send.audit import acting_as, verify_history
from wagtail_send.learning_walks.models import Feedback, Observation, Visit
from wagtail_send.learning_walks.team import add_walker
from wagtail_send.roles import Role

from .conftest import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(client, walk, people):
    """The headteacher's observation and feedback, sent, on the walk's first visit."""
    visit = walk.visits.first()
    client.force_login(people["slt"])
    client.post(
        url("observe", walk.pk, visit.pk), {f"lf_{walk.look_fors.first().pk}": "Word mats used"}
    )
    client.post(
        url("write_feedback", walk.pk, visit.pk),
        {"went_well": "Clear modelling with visuals.", "next_steps": "Fade the prompts."},
    )
    feedback = Feedback.objects.get(visit=visit)
    client.post(url("send_feedback", feedback.pk))
    client.logout()
    observation = Observation.objects.get(visit=visit)
    feedback.refresh_from_db()
    assert feedback.sent_at is not None
    return visit, observation, feedback


def _remove_visit(client, walk, visit, **reason):
    return client.post(url("remove", walk.pk, "visit", visit.pk), reason)


def _sign_off(client, walk, people):
    client.force_login(people["senco"])
    client.post(url("compile", walk.pk), {"report-summary": "Adaptive teaching is secure."})
    client.post(url("sign_off", walk.pk))
    walk.refresh_from_db()
    assert walk.is_locked
    client.logout()


def test_removing_a_visit_archives_it_with_its_observations_and_feedback(
    client, walk, people, recorded
):
    visit, observation, feedback = recorded
    client.force_login(people["senco"])
    _remove_visit(client, walk, visit)
    archived = Visit.every_visit.get(pk=visit.pk)
    assert archived.archived_at is not None
    observation.refresh_from_db()
    feedback.refresh_from_db()
    assert observation.is_archived and feedback.is_archived
    assert feedback.went_well == "Clear modelling with visuals."
    assert observation.look_for_notes  # the evidence itself is kept
    assert not walk.visits.filter(pk=visit.pk).exists()
    plan = client.get(url("plan", walk.pk)).content.decode()
    assert visit.area == "Class 1" and "Class 1" not in plan  # off the timetable
    assert visit.history.first().archived_at is not None
    assert verify_history() == []


@pytest.mark.parametrize("name", ["slt", "governor", "guest"])
def test_walkers_may_not_remove_a_visit(client, walk, people, recorded, name):
    with acting_as(people["senco"], "Test set-up"):
        add_walker(walk, people["guest"], "environment", by=people["senco"])
    visit, observation, feedback = recorded
    client.force_login(people[name])
    response = _remove_visit(client, walk, visit)
    assert response.status_code == 403
    assert walk.visits.filter(pk=visit.pk).exists()
    observation.refresh_from_db()
    assert not observation.is_archived


def test_a_senco_who_does_not_lead_the_walk_may_remove_a_visit_before_sign_off(
    client, walk, school, make_user, recorded
):
    visit, observation, _ = recorded
    client.force_login(make_user("deputy_senco", school=school, role=Role.SENCO))
    _remove_visit(client, walk, visit)
    observation.refresh_from_db()
    assert observation.is_archived


def test_a_signed_off_walk_is_corrected_by_its_lead_alone_with_a_reason(
    client, walk, people, school, make_user, recorded
):
    visit, observation, feedback = recorded
    _sign_off(client, walk, people)
    deputy = make_user("deputy_senco", school=school, role=Role.SENCO)
    for person in (people["slt"], deputy):
        client.force_login(person)
        assert _remove_visit(client, walk, visit, change_reason="Wrong class").status_code == 403
        edit = client.post(url("edit", walk.pk), {"title": "Renamed", "change_reason": "Typo"})
        assert edit.status_code == 403
    assert walk.visits.filter(pk=visit.pk).exists()

    client.force_login(people["senco"])
    _remove_visit(client, walk, visit)  # no reason: refused with the lock's message
    assert walk.visits.filter(pk=visit.pk).exists()
    _remove_visit(client, walk, visit, change_reason="Visit was to the wrong class")
    assert not walk.visits.filter(pk=visit.pk).exists()
    observation.refresh_from_db()
    assert observation.is_archived
    for record in (visit, observation, feedback):
        assert record.history.first().history_change_reason == "Visit was to the wrong class"
        assert record.history.first().history_user == people["senco"]


def test_only_the_lead_corrects_a_signed_off_walk_in_the_admin(
    client, walk, people, school, make_user
):
    _sign_off(client, walk, people)
    form = {
        "title": "Corrected title",
        "focus": walk.focus,
        "purpose": walk.purpose,
        "date": walk.date.isoformat(),
        "starts_at": "09:00",
        "ends_at": "12:00",
        "template": walk.template_id,
        "change_reason": "Governor asked for a clearer title",
    }
    client.force_login(make_user("deputy_senco", school=school, role=Role.SENCO))
    refused = client.post(f"/admin/learning_walks/edit/{walk.pk}/", form)
    assert "only its lead may correct it" in refused.content.decode()
    walk.refresh_from_db()
    assert walk.title != "Corrected title"
    client.force_login(people["senco"])
    client.post(f"/admin/learning_walks/edit/{walk.pk}/", form)
    walk.refresh_from_db()
    assert walk.title == "Corrected title"
    assert walk.history.first().history_change_reason == "Governor asked for a clearer title"


def test_walkers_no_longer_write_to_a_signed_off_walk(client, walk, people, recorded):
    visit, observation, feedback = recorded
    _sign_off(client, walk, people)
    client.force_login(people["slt"])
    first = f"lf_{walk.look_fors.first().pk}"
    response = client.post(
        url("observe", walk.pk, visit.pk), {first: "Late note", "change_reason": "Forgot"}
    )
    assert response.status_code == 403
    observation.refresh_from_db()
    assert observation.note_for(walk.look_fors.first()) == "Word mats used"
    assert "Word mats used" in client.get(url("triangulate", walk.pk)).content.decode()
