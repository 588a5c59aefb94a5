"""Two people at once: no lost update in the admin; fifty posts at once all arrive."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from wagtail_send.audit import verify_history

from .factories import make

POSTERS = 50


@pytest.mark.xfail(
    strict=True,
    reason="defect: the admin edit form has no version check, so the second of two people "
    "editing one record silently overwrites the first (fix planned in SchoolRecordForm)",
)
def test_two_people_editing_one_record_in_the_admin_lose_nothing(cast, school, make_user):
    from wagtail_send.directory.models import Organisation

    organisation = make(Organisation, school=school, author=cast["senco"], name="Sunrise")
    url = reverse("directory_organisations:edit", args=[organisation.pk])
    second = make_user("deputy", school=school, role="senco")
    amira, sam = Client(), Client()
    amira.force_login(cast["senco"])
    sam.force_login(second)
    form = {"school": school.pk, "name": "Sunrise", "description": "", "email": "", "website": ""}
    # Both open the form; Amira saves a new email; Sam, from his stale form, a description.
    assert amira.get(url).status_code == sam.get(url).status_code == 200
    amira.post(url, {**form, "email": "hello@sunrise.example"})
    response = sam.post(url, {**form, "description": "Speech and language therapy"})
    organisation.refresh_from_db()
    lost = organisation.email != "hello@sunrise.example"
    assert not lost or response.status_code == 200 and response.context["form"].errors


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent writers")
def test_fifty_people_posting_to_the_wall_at_once_lose_nothing(school, make_user):
    from wagtail_send.learning_wall.models import Post

    people = [make_user(f"poster{i}", school=school, role="staff") for i in range(POSTERS)]
    start = threading.Barrier(POSTERS)
    statuses = []

    def post(person, n):
        try:
            client = Client()
            client.force_login(person)
            start.wait(timeout=60)
            response = client.post(
                reverse("wagtail_send_learning_wall:create"),
                {"school": school.pk, "kind": "question", "title": f"Idea {n}", "body": "Try it"},
            )
            statuses.append(response.status_code)
        except Exception as error:  # noqa: BLE001  (reported below, with the statuses)
            statuses.append(repr(error))
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [threading.Thread(target=post, args=(p, n)) for n, p in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302] * POSTERS
    titles = set(Post.objects.values_list("title", flat=True))
    assert titles == {f"Idea {n}" for n in range(POSTERS)}
    assert Post.history.filter(history_type="+").count() == POSTERS
    assert verify_history([Post.history.model]) == []
