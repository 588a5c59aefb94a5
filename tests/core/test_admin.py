"""The core end to end in the real Wagtail admin, through the test app's Note viewset."""

import pytest
from django.urls import reverse

from tests.testapp.models import Note
from wagtail_send.models import AccessChange, Membership, School


def url(name, *args):
    return reverse(f"notes:{name}", args=args)


@pytest.fixture
def senco_client(client, people):
    client.force_login(people["senco"])
    return client


def test_senco_lists_creates_edits_and_reads_history(senco_client, people, school, other_school):
    Note.objects.create(school=other_school, title="Elsewhere")
    response = senco_client.post(url("add"), {"school": school.pk, "title": "Zones", "body": "a"})
    assert response.status_code == 302
    note = Note.objects.get(title="Zones")
    assert note.created_by == people["senco"]

    listing = senco_client.get(url("index")).content.decode()
    assert "Zones" in listing and "Elsewhere" not in listing

    senco_client.post(
        url("edit", note.pk), {"school": school.pk, "title": "Zones of regulation", "body": "a"}
    )
    history = senco_client.get(url("history", note.pk)).content.decode()
    assert "Zones of regulation" in history and "Zones" in history
    assert "Amira" not in history  # the fixture's SENCO is named Senco
    assert "Senco" in history
    assert note.history.count() == 2


def test_create_form_offers_only_schools_where_the_person_may_add(
    senco_client, school, other_school
):
    form = senco_client.get(url("add")).context["form"]
    assert list(form.fields["school"].queryset) == [school]
    response = senco_client.post(url("add"), {"school": other_school.pk, "title": "Sneaky"})
    assert response.status_code == 200
    assert "school" in response.context["form"].errors
    assert not Note.objects.filter(title="Sneaky").exists()


def test_another_schools_senco_cannot_open_the_record(client, people, school):
    note = Note.objects.create(school=school, title="Ours")
    client.force_login(people["other_senco"])
    for name in ["edit", "history", "access", "inspect", "delete"]:
        response = client.get(url(name, note.pk))
        assert response.status_code in (302, 403), name
        assert b"Ours" not in response.content


def test_delete_archives_and_restore_returns_it(senco_client, school):
    note = Note.objects.create(school=school, title="Old")
    senco_client.post(url("delete", note.pk))
    note.refresh_from_db()
    assert note.is_archived
    assert note not in senco_client.get(url("index")).context["object_list"]
    assert note in senco_client.get(url("index") + "?archived=1").context["object_list"]
    senco_client.post(url("restore", note.pk))
    note.refresh_from_db()
    assert not note.is_archived


def test_sharing_with_a_guest_is_shown_and_logged(senco_client, people, school):
    note = Note.objects.create(school=school, title="Walk notes")
    refused = senco_client.post(url("access", note.pk), {"person": "visitor", "action": "view"})
    assert "not a member of Oakfield Primary" in refused.content.decode()
    assert not AccessChange.objects.exists()

    senco_client.post(
        url("access", note.pk), {"person": "visitor", "action": "view", "as_guest": "on"}
    )
    page = senco_client.get(url("access", note.pk)).content.decode()
    assert "Visitor" in page and "guest" in page
    change = AccessChange.objects.get()
    assert (change.kind, change.action, change.grantee, change.changed_by, change.as_guest) == (
        "granted",
        "view",
        people["guest"],
        people["senco"],
        True,
    )

    senco_client.post(url("access", note.pk), {"person": people["guest"].pk, "revoke": "view"})
    assert AccessChange.objects.filter(kind="revoked").count() == 1


def test_unknown_person_is_a_form_error(senco_client, school):
    note = Note.objects.create(school=school, title="A")
    response = senco_client.post(url("access", note.pk), {"person": "nobody", "action": "view"})
    assert "No single person" in response.content.decode()


def test_staff_without_admin_access_are_sent_away(client, people, school):
    client.force_login(people["staff"])
    assert client.get(url("index")).status_code == 302


def test_schools_admin_lists_only_own_schools(senco_client, school, other_school):
    page = senco_client.get(reverse("wagtail_send_schools:index")).content.decode()
    assert "Oakfield Primary" in page and "Elm Park" not in page


def test_invalid_urn_is_a_field_error(client, people, school):
    client.force_login(people["superuser"])
    response = client.post(reverse("wagtail_send_schools:add"), {"name": "New", "urn": "12ab"})
    assert response.status_code == 200
    assert "six-digit" in str(response.context["form"].errors["urn"])
    assert not School.objects.filter(name="New").exists()


def test_duplicate_membership_is_a_form_error(senco_client, people, school):
    response = senco_client.post(
        reverse("wagtail_send_memberships:add"),
        {"user": people["staff"].pk, "school": school.pk, "role": "staff"},
    )
    assert response.status_code == 200
    assert "already has this role" in response.content.decode()
    assert Membership.objects.filter(user=people["staff"]).count() == 1


def test_unknown_role_is_a_form_error(senco_client, people, school):
    response = senco_client.post(
        reverse("wagtail_send_memberships:add"),
        {"user": people["guest"].pk, "school": school.pk, "role": "headmaster"},
    )
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not Membership.objects.filter(user=people["guest"]).exists()


def test_senco_adds_a_member_and_they_join_the_role_group(senco_client, people, school):
    senco_client.post(
        reverse("wagtail_send_memberships:add"),
        {"user": people["guest"].pk, "school": school.pk, "role": "governor"},
    )
    guest = people["guest"]
    assert Membership.objects.filter(user=guest, role="governor").exists()
    assert guest.groups.filter(send_role__school=school, send_role__role="governor").exists()
    assert guest.has_perm("wagtailadmin.access_admin")
