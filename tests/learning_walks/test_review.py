"""After the walk: triangulation, the report, sign-off and the lock, follow-ups."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wagtail_send import providers
from wagtail_send.audit import acting_as, verify_history
from wagtail_send.learning_walks.models import (
    AgreedAction,
    Feedback,
    Finding,
    LookFor,
    WalkReport,
)

from .conftest import make_walk, url

pytestmark = pytest.mark.django_db


def _agree(client, walk, people):
    look_for = walk.look_fors.first()
    client.post(
        url("triangulate", walk.pk),
        {
            "add": "finding",
            "finding-look_for": look_for.pk,
            "finding-kind": "strength",
            "finding-text": "Scaffolds seen in every class",
        },
    )
    client.post(
        url("triangulate", walk.pk),
        {
            "add": "action",
            "action-text": "Share word-mat templates",
            "action-look_for": look_for.pk,
            "action-owner": people["staff"].pk,
            "action-due": "2027-01-15",
        },
    )


def _compile_and_sign_off(client, walk):
    client.post(url("compile", walk.pk), {"report-summary": "Adaptive teaching is secure."})
    return client.post(url("sign_off", walk.pk))


def test_full_cycle_triangulate_report_sign_off(client, walk, people):
    client.force_login(people["slt"])  # a walker
    _agree(client, walk, people)
    assert Finding.objects.get(walk=walk).get_kind_display() == "Strength"
    action = AgreedAction.objects.get(walk=walk)
    assert action.owner == people["staff"] and action.due == datetime.date(2027, 1, 15)
    client.post(url("compile", walk.pk), {"report-summary": "Adaptive teaching is secure."})
    report = WalkReport.objects.get(walk=walk)
    assert report.created_by == people["slt"]

    client.force_login(people["governor"])  # a governor, who walked
    page = client.get(url("report", walk.pk)).content.decode()
    for text in (
        "Adaptive teaching is secure.",
        "Scaffolds seen in every class",
        "Share word-mat templates",
        "15 January 2027",
        "Draft",
    ):
        assert text in page
    assert "Sign off the walk" not in page  # only who runs the walk signs it off

    client.force_login(people["senco"])
    _compile_and_sign_off(client, walk)
    walk.refresh_from_db()
    assert walk.is_locked and walk.signed_off_by == people["senco"]
    assert "Draft" not in client.get(url("report", walk.pk)).content.decode()
    assert verify_history() == []


def test_report_needs_compiling_before_sign_off(client, walk, people):
    client.force_login(people["senco"])
    client.post(url("sign_off", walk.pk))
    walk.refresh_from_db()
    assert not walk.is_locked
    assert client.get(url("report", walk.pk)).status_code == 302  # to compile


def test_after_sign_off_changes_need_a_reason(client, walk, people):
    client.force_login(people["senco"])
    _compile_and_sign_off(client, walk)
    data = {"add": "look_for_form", "look_for-text": "Pre-teaching vocabulary"}
    response = client.post(url("plan", walk.pk), data)
    page = response.content.decode()
    assert "Say why you are changing a walk that has been signed off." in page
    assert 'value="Pre-teaching vocabulary"' in page
    assert not LookFor.objects.filter(text="Pre-teaching vocabulary").exists()

    response = client.post(
        url("plan", walk.pk), {**data, "look_for-change_reason": "Agreed at SLT meeting"}
    )
    assert response.status_code == 302
    look_for = LookFor.objects.get(text="Pre-teaching vocabulary")
    assert look_for.history.first().history_change_reason == "Agreed at SLT meeting"


def test_summary_edit_after_sign_off_records_the_reason(client, walk, people):
    client.force_login(people["senco"])
    _compile_and_sign_off(client, walk)
    response = client.post(url("compile", walk.pk), {"report-summary": "Changed"})
    assert "Say why you are changing" in response.content.decode()
    assert WalkReport.objects.get(walk=walk).summary == "Adaptive teaching is secure."
    client.post(
        url("compile", walk.pk),
        {"report-summary": "Changed", "report-change_reason": "Typo in the governors' copy"},
    )
    report = WalkReport.objects.get(walk=walk)
    assert report.summary == "Changed"
    assert report.history.first().history_change_reason == "Typo in the governors' copy"


def test_observation_after_sign_off_needs_a_reason(client, walk, people):
    """Only the walk's lead corrects it once signed off (``test_evidence``), with a reason."""
    from wagtail_send.learning_walks.team import add_walker

    with acting_as(people["senco"], "Test set-up"):
        add_walker(walk, people["senco"], "environment", by=people["senco"])
    client.force_login(people["senco"])
    _compile_and_sign_off(client, walk)
    visit = walk.visits.first()
    first = f"lf_{walk.look_fors.first().pk}"
    autosave = client.post(
        url("observe", walk.pk, visit.pk), {first: "Late note", "autosave": "1"}
    )
    assert autosave.status_code == 409
    response = client.post(url("observe", walk.pk, visit.pk), {first: "Late note"})
    assert "Say why you are changing" in response.content.decode()
    assert "Late note</textarea>" in response.content.decode()


def test_admin_edit_after_sign_off_needs_a_reason(client, walk, people):
    client.force_login(people["senco"])
    _compile_and_sign_off(client, walk)
    data = {
        "title": "Renamed",
        "focus": walk.focus,
        "purpose": walk.purpose,
        "date": "2026-11-26",
        "starts_at": "09:00",
        "ends_at": "12:00",
        "template": walk.template_id,
        "change_reason": "",
    }
    response = client.post(f"/admin/learning_walks/edit/{walk.pk}/", data)
    assert response.status_code == 200
    assert "Say why you are changing a walk that has been signed off." in response.content.decode()
    walk.refresh_from_db()
    assert walk.title == "Adaptive teaching"
    response = client.post(
        f"/admin/learning_walks/edit/{walk.pk}/", {**data, "change_reason": "Governor asked"}
    )
    assert response.status_code == 302
    walk.refresh_from_db()
    assert walk.title == "Renamed"
    assert walk.history.first().history_change_reason == "Governor asked"


def test_model_refuses_a_silent_change_to_a_signed_off_walk(client, walk, people):
    client.force_login(people["senco"])
    _compile_and_sign_off(client, walk)
    look_for = walk.look_fors.first()
    look_for.text = "Sneaky edit"
    with pytest.raises(ValidationError):
        look_for.save()
    with acting_as(people["senco"], "Correcting a typo"):
        look_for.save()


@pytest.mark.parametrize("visits", [3, 30])
def test_report_queries_do_not_grow_with_visits(
    client, school, people, django_assert_num_queries, visits
):
    senco = people["senco"]
    walk = make_walk(school, senco, visits=visits, staff=people["staff"])
    with acting_as(senco, "Test"):
        WalkReport.objects.create(school=school, walk=walk, created_by=senco, summary="S")
        for look_for in walk.look_fors.all():
            Finding.objects.create(walk=walk, look_for=look_for, kind="strength", text="Good")
            AgreedAction.objects.create(
                walk=walk,
                look_for=look_for,
                text="Do",
                owner=people["staff"],
                due=datetime.date(2027, 1, 1),
            )
        walk.signed_off_at, walk.signed_off_by = timezone.now(), senco
        walk.save(update_fields=["signed_off_at", "signed_off_by", "updated_at"])
    client.force_login(people["governor"])
    # The first request of a session also stamps the session's start (WAGTAILSEND_SESSION_AGE).
    client.get(url("report", walk.pk))
    with django_assert_num_queries(QUERIES):
        response = client.get(url("report", walk.pk))
    assert response.content.decode().count("Class ") == visits


#: Session, user, walk, report, memberships, permission checks, look-fors with findings,
#: visits, walkers and actions, and the governors' sign-off scope: the same number whatever
#: the number of visits.
QUERIES = 13


def test_action_follow_up_goes_through_the_core_registry(client, walk, people, monkeypatch):
    monkeypatch.setattr(providers, "_follow_ups", {})
    made = []

    def create(action, by):
        made.append((action.text, by))
        return f"theme “{action.text}”"

    providers.register_follow_up("test_wall", "Learning wall theme", create)
    client.force_login(people["slt"])
    _agree(client, walk, people)
    page = client.get(url("triangulate", walk.pk)).content.decode()
    assert "Learning wall theme" in page
    action = AgreedAction.objects.get(walk=walk)
    client.post(url("follow_up", walk.pk, action.pk), {"to": "test_wall"})
    action.refresh_from_db()
    assert made == [("Share word-mat templates", people["slt"])]
    assert action.followed_up_as.startswith("Learning wall theme")


def test_no_follow_up_offered_when_none_registered(client, walk, people, monkeypatch):
    monkeypatch.setattr(providers, "_follow_ups", {})
    client.force_login(people["slt"])
    _agree(client, walk, people)
    assert "Send to" not in client.get(url("triangulate", walk.pk)).content.decode()


def test_removing_a_finding_and_an_action(client, walk, people):
    client.force_login(people["slt"])
    _agree(client, walk, people)
    finding, action = Finding.objects.get(walk=walk), AgreedAction.objects.get(walk=walk)
    response = client.post(url("remove", walk.pk, "finding", finding.pk))
    assert response.url == url("triangulate", walk.pk)
    client.post(url("remove", walk.pk, "action", action.pk))
    assert not Finding.objects.filter(walk=walk).exists()
    assert not AgreedAction.objects.filter(walk=walk).exists()
    assert verify_history() == []


def test_admin_history_shows_the_reason_and_access_shows_the_team(client, walk, people):
    client.force_login(people["senco"])
    _compile_and_sign_off(client, walk)
    data = {
        "title": "Renamed",
        "focus": walk.focus,
        "purpose": walk.purpose,
        "date": "2026-11-26",
        "starts_at": "09:00",
        "ends_at": "12:00",
        "template": walk.template_id,
        "change_reason": "Governor asked for a clearer title",
    }
    client.post(f"/admin/learning_walks/edit/{walk.pk}/", data)
    history = client.get(f"/admin/learning_walks/history/{walk.pk}/").content.decode()
    assert "Governor asked for a clearer title" in history
    access = client.get(f"/admin/learning_walks/access/{walk.pk}/").content.decode()
    assert "Governor" in access and "Head" in access


def test_walker_writes_feedback_and_sends_it(client, walk, people):
    client.force_login(people["slt"])
    visit = walk.visits.first()
    response = client.post(
        url("write_feedback", walk.pk, visit.pk),
        {"went_well": "Clear modelling with visuals.", "next_steps": "Fade the prompts."},
    )
    feedback = Feedback.objects.get(visit=visit)
    assert response.url == url("feedback", feedback.pk)
    client.post(url("send_feedback", feedback.pk))
    client.force_login(people["staff"])
    page = client.get(url("feedback", feedback.pk)).content.decode()
    assert "Clear modelling with visuals." in page and "Fade the prompts." in page
