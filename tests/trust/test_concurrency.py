"""Two people at once: no lost update in the admin; fifty posts at once all arrive."""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from wagtail_send.audit import verify_history

from .factories import make

POSTERS = 50


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
    opened = [c.get(url).context["form"]["record_version"].value() for c in (amira, sam)]
    assert opened[0] == opened[1] != ""
    saved = amira.post(url, {**form, "record_version": opened[0], "email": "hi@sunrise.example"})
    assert saved.status_code == 302
    stale = sam.post(url, {**form, "record_version": opened[1], "description": "Therapy"})
    organisation.refresh_from_db()
    assert organisation.email == "hi@sunrise.example"
    assert organisation.description == ""
    assert stale.status_code == 200
    assert "Someone else saved a change" in str(stale.context["form"].non_field_errors())
    # Having reloaded, Sam's change goes in on top of Amira's.
    fresh = sam.get(url).context["form"]["record_version"].value()
    data = {**form, "email": "hi@sunrise.example", "description": "Therapy"}
    assert sam.post(url, {**data, "record_version": fresh}).status_code == 302
    organisation.refresh_from_db()
    assert (organisation.email, organisation.description) == ("hi@sunrise.example", "Therapy")


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
