"""Planning a walk on the front end: details, look-fors, timetable, team, publishing."""

import pytest
from django.core import mail

from wagtail_send.access import can
from wagtail_send.audit import verify_history
from wagtail_send.learning_walks.models import LearningWalk, LookFor, Visit, Walker

from .conftest import url

pytestmark = pytest.mark.django_db


def test_senco_plans_a_walk(client, school, people):
    client.force_login(people["senco"])
    response = client.post(
        url("create"),
        {
            "title": "TA deployment",
            "focus": "How teaching assistants are deployed",
            "purpose": "consistency",
            "date": "2026-12-01",
            "starts_at": "13:00",
            "ends_at": "15:30",
        },
    )
    walk = LearningWalk.objects.get(title="TA deployment")
    assert response.status_code == 302
    assert walk.school == school and walk.created_by == people["senco"]
    page = client.get(url("plan", walk.pk)).content.decode()
    assert "Promote consistency across the school" in page
    assert "13:00 to 15:30" in page


def test_walk_that_ends_before_it_starts_is_refused(client, people):
    client.force_login(people["senco"])
    response = client.post(
        url("create"),
        {
            "title": "Back to front",
            "focus": "x",
            "purpose": "monitor",
            "date": "2026-12-01",
            "starts_at": "12:00",
            "ends_at": "09:00",
        },
    )
    assert response.status_code == 200
    assert "The walk must end after it starts." in response.content.decode()
    assert not LearningWalk.objects.filter(title="Back to front").exists()


def test_staff_cannot_plan_or_see_walks(client, walk, people):
    client.force_login(people["staff"])
    assert client.get(url("create")).status_code == 403
    assert client.get(url("plan", walk.pk)).status_code == 403
    assert walk.title not in client.get(url("index")).content.decode()


def test_add_look_for_and_visit(client, walk, people):
    client.force_login(people["senco"])
    client.post(url("plan", walk.pk), {"add": "look_for_form", "look_for-text": "TA prompts"})
    response = client.post(
        url("plan", walk.pk),
        {
            "add": "visit_form",
            "visit-area": "Year 4",
            "visit-room": "4B",
            "visit-staff_member": people["staff"].pk,
            "visit-starts_at": "11:30",
            "visit-ends_at": "11:50",
        },
    )
    assert response.status_code == 302
    assert walk.look_fors.last().text == "TA prompts"
    assert walk.visits.filter(area="Year 4", room="4B").exists()


def test_visit_outside_the_window_is_a_field_error_and_keeps_the_input(client, walk, people):
    client.force_login(people["senco"])
    response = client.post(
        url("plan", walk.pk),
        {
            "add": "visit_form",
            "visit-area": "Nursery",
            "visit-room": "N1",
            "visit-starts_at": "13:10",
            "visit-ends_at": "13:30",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "outside the walk&#x27;s window (09:00 to 12:00)" in page
    assert 'value="Nursery"' in page and 'value="N1"' in page
    assert not Visit.objects.filter(area="Nursery").exists()


def test_walker_without_a_role_is_an_error(client, walk, people):
    client.force_login(people["senco"])
    response = client.post(
        url("plan", walk.pk), {"add": "walker_form", "walker-person": "teacher", "walker-role": ""}
    )
    assert "Give every walker a role" in response.content.decode()
    assert 'value="teacher"' in response.content.decode()
    assert not Walker.objects.filter(walk=walk, user=people["staff"]).exists()
    assert not can(people["staff"], "change", walk)


def test_outsider_must_be_invited_as_a_guest(client, walk, people):
    client.force_login(people["senco"])
    response = client.post(
        url("plan", walk.pk),
        {"add": "walker_form", "walker-person": "visitor", "walker-role": "environment"},
    )
    assert "is not a member of this school" in response.content.decode()
    assert not Walker.objects.filter(user=people["guest"]).exists()


def test_removing_a_look_for(client, walk, people):
    client.force_login(people["senco"])
    look_for = walk.look_fors.first()
    client.post(url("remove", walk.pk, "look-for", look_for.pk))
    assert not LookFor.objects.filter(pk=look_for.pk).exists()
    assert verify_history() == []


def test_publishing_emails_the_staff_visited(client, walk, people):
    client.force_login(people["senco"])
    response = client.post(url("publish", walk.pk))
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [people["staff"].email]
    assert "09:00-09:05: Class 1 (R1)" in message.body
    assert "09:10-09:15: Class 3" in message.body
    walk.refresh_from_db()
    assert walk.published_at is not None


def test_walker_cannot_publish_or_change_the_team(client, walk, people):
    client.force_login(people["slt"])
    assert client.post(url("publish", walk.pk)).status_code == 403
    response = client.post(
        url("plan", walk.pk),
        {"add": "walker_form", "walker-person": "teacher", "walker-role": "teaching"},
    )
    assert response.status_code == 403
    assert len(mail.outbox) == 0


class TestAdmin:
    def test_senco_lists_and_edits_walks_in_the_admin(self, client, walk, people):
        client.force_login(people["senco"])
        index = client.get("/admin/learning_walks/")
        assert walk.title in index.content.decode()
        response = client.post(
            f"/admin/learning_walks/edit/{walk.pk}/",
            {
                "title": "Adaptive teaching (revised)",
                "focus": walk.focus,
                "purpose": "share",
                "date": "2026-11-26",
                "starts_at": "09:00",
                "ends_at": "12:00",
                "template": walk.template_id,
                "change_reason": "",
            },
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        walk.refresh_from_db()
        assert walk.title == "Adaptive teaching (revised)"

    def test_senco_maintains_observation_templates(self, client, school, people):
        client.force_login(people["senco"])
        response = client.post(
            "/admin/observation_templates/new/",
            {
                "school": school.pk,
                "name": "Environment walk",
                "environment_prompts": "Is the room calm?\nIs seating planned?",
            },
        )
        assert response.status_code == 302
        from wagtail_send.learning_walks.models import ObservationTemplate

        template = ObservationTemplate.objects.get(name="Environment walk")
        assert template.prompts_for("environment") == ["Is the room calm?", "Is seating planned?"]

    def test_governor_does_not_see_walks_in_the_admin(self, client, walk, people):
        client.force_login(people["governor"])
        # The governor walked this one, so it is listed; a walk they did not walk is not.
        from .conftest import make_walk

        other = make_walk(walk.school, people["senco"], title="Phonics walk")
        page = client.get("/admin/learning_walks/").content.decode()
        assert other.title not in page


def test_narrowing_the_window_cannot_strand_visits(client, walk, people):
    client.force_login(people["senco"])
    response = client.post(
        url("edit", walk.pk),
        {
            "title": walk.title,
            "focus": walk.focus,
            "purpose": walk.purpose,
            "date": "2026-11-26",
            "starts_at": "09:06",
            "ends_at": "12:00",
        },
    )
    page = response.content.decode()
    assert "These visits would be outside the new window: 09:00 Class 1, 09:05 Class 2" in page
    walk.refresh_from_db()
    assert str(walk.starts_at) == "09:00:00"
