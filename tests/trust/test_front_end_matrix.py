"""The same matrix through the front-end views and the directory's open-data API."""

import pytest
from django.urls import reverse

from wagtail_send.access import can

from .expected import EXPECTED, FRONT_END, PEOPLE
from .factories import feature_record_models, make

MODELS = {m._meta.label: m for m in feature_record_models()}


@pytest.mark.parametrize("label", sorted(FRONT_END))
def test_front_end_urls_follow_the_matrix(label, cast, record_for, client):
    record = record_for(MODELS[label])
    wrong = []
    for name in PEOPLE:
        client.logout()
        if name != "anonymous":
            client.force_login(cast[name])
        held = set(EXPECTED[label][name].split())
        for url_name, action in FRONT_END[label]:
            assert can(cast[name], action, record) == (action in held)
            status = client.get(reverse(url_name, args=[record.pk])).status_code
            expected = {200} if action in held else {302, 403, 404}
            if status not in expected:
                wrong.append(f"{name} {url_name}: {status}")
    assert wrong == [], label


def test_the_directory_api_shows_public_services_only(cast, school, other_school, client):
    """The open-data feed lists a public service and never a private one, of any school."""
    from wagtail_send.directory.models import Service

    public = make(Service, school=school, author=cast["senco"], is_public=True)
    private = make(Service, school=school, author=cast["senco"], is_public=False)
    elsewhere = make(Service, school=other_school, author=cast["other_senco"], is_public=False)
    client.force_login(cast["superuser"])  # even a superuser's feed is the public one
    feed = {"school": school.pk}
    body = client.get(reverse("wagtail_send_directory:api_services", kwargs=feed))
    body = body.content.decode()
    assert str(public.uid) in body
    assert str(private.uid) not in body and str(elsewhere.uid) not in body
    for service in (private, elsewhere):
        detail = client.get(
            reverse("wagtail_send_directory:api_service", kwargs={**feed, "uid": service.uid})
        )
        assert detail.status_code == 404
    public.archive()
    detail = client.get(
        reverse("wagtail_send_directory:api_service", kwargs={**feed, "uid": public.uid})
    )
    assert detail.status_code == 404


def test_feedback_for_a_teacher_who_has_left_is_refused_politely(cast, school, client, make_user):
    from wagtail_send.learning_walks.models import Feedback

    feedback = make(Feedback, school=school, author=cast["senco"])
    teacher = make_user("moved_on", school=school, role="staff")
    feedback.visit.staff_member = teacher
    feedback.visit.save()
    teacher.delete()  # the visit keeps its place in the walk; staff_member becomes None
    client.force_login(cast["senco"])
    client.raise_request_exception = False
    url = reverse("wagtail_send_learning_walks:send_feedback", args=[feedback.pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "their account has gone" in response.content.decode()
    assert not Feedback.objects.get(pk=feedback.pk).sent_at
