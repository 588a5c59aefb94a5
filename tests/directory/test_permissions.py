"""Who may do what: SENCO edits all, an entry's maintainer edits theirs, staff read."""

import pytest
from django.urls import reverse

from wagtail_send.access import can, grants_for, visible
from wagtail_send.directory.models import Service
from wagtail_send.models import AccessChange


def test_roles(people, directory):
    salt = directory["salt"]
    assert can(people["senco"], "change", salt)
    assert can(people["staff"], "view", salt) and not can(people["staff"], "change", salt)
    assert can(people["slt"], "history", salt) and not can(people["slt"], "change", salt)
    assert not can(people["other_senco"], "change", salt)
    # Another school's private entry is invisible; their public one is readable by all.
    assert directory["elsewhere"] not in visible(people["senco"], Service)
    assert not can(people["senco"], "view", directory["elsewhere"])


def _edit_in_admin(client, service, **changes):
    url = reverse("directory_services:edit", args=[service.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, bool)}
    data.update({k: "on" for k, v in form.initial.items() if v is True})
    data.update(changes)
    return client.post(url, data)


def test_maintainer_edits_their_entry_only(
    client, people, make_user, school, directory, directory_page
):
    ep, salt = directory["ep"], directory["salt"]
    client.force_login(people["senco"])
    response = _edit_in_admin(client, ep, maintainer=people["staff"].pk)
    assert response.status_code == 302, response.context["form"].errors
    ep.refresh_from_db()
    assert ep.maintainer == people["staff"]
    assert can(people["staff"], "change", ep) and not can(people["staff"], "change", salt)
    assert AccessChange.objects.filter(grantee=people["staff"], action="change").exists()

    teacher = client.__class__()
    teacher.force_login(people["staff"])
    edit_url = f"{directory_page.url}{ep.pk}/edit/"
    assert (
        "Edit or mark as checked" in teacher.get(f"{directory_page.url}{ep.pk}/").content.decode()
    )
    response = teacher.post(
        edit_url,
        {
            "name": "Educational Psychology Service",
            "status": "active",
            "service_type": "educational_psychology",
            "checked": "on",
        },
    )
    assert response.status_code == 302
    ep.refresh_from_db()
    assert ep.name == "Educational Psychology Service"
    assert ep.last_verified_by == people["staff"] and not ep.is_stale
    assert ep.history.first().history_user == people["staff"]
    assert teacher.get(f"{directory_page.url}{salt.pk}/edit/").status_code == 403

    # A new maintainer takes over: the grant moves with the job.
    other = make_user("ta", school=school, role="staff")
    response = _edit_in_admin(client, ep, maintainer=other.pk)
    assert response.status_code == 302
    assert not can(people["staff"], "change", Service.objects.get(pk=ep.pk))
    assert [u for u, _actions in grants_for(ep)] == [other]


def test_maintainer_must_belong_to_the_school(client, people, directory):
    client.force_login(people["senco"])
    response = _edit_in_admin(client, directory["ep"], maintainer=people["other_staff"].pk)
    assert response.status_code == 200
    assert "maintainer" in response.context["form"].errors


def test_invalid_front_end_edit_saves_nothing(client, people, directory, directory_page):
    client.force_login(people["senco"])
    ep = directory["ep"]
    response = client.post(
        f"{directory_page.url}{ep.pk}/edit/",
        {
            "name": "",
            "status": "active",
            "service_type": "other",
            "minimum_age": "12",
            "maximum_age": "5",
        },
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    ep.refresh_from_db()
    assert ep.name == "Educational Psychology"


@pytest.mark.parametrize("who", ["staff", "governor", "other_senco"])
def test_admin_refuses_those_without_change(client, people, directory, who):
    client.force_login(people[who])
    response = client.get(reverse("directory_services:edit", args=[directory["salt"].pk]))
    assert response.status_code in (302, 403)


def test_admin_lists_only_own_school(client, people, directory):
    client.force_login(people["senco"])
    response = client.get(reverse("directory_services:index"))
    names = [s.name for s in response.context["object_list"]]
    assert "Elm Park Counselling" not in names and "Educational Psychology" in names
    inspect = client.get(reverse("directory_services:inspect", args=[directory["salt"].pk]))
    assert inspect.status_code == 200
    history = client.get(reverse("directory_services:history", args=[directory["salt"].pk]))
    assert history.status_code == 200


def test_contacts_link_only_to_services_of_the_same_school(client, people, directory):
    client.force_login(people["senco"])
    url = reverse("directory_contacts:add")
    form = client.get(url).context["form"]
    assert directory["elsewhere"] not in form.fields["service"].queryset
    response = client.post(
        url,
        {
            "school": people["senco"].send_memberships.get().school_id,
            "service": directory["elsewhere"].pk,
            "name": "Sneaky",
        },
    )
    assert response.status_code == 200 and "service" in response.context["form"].errors


def test_admin_filters(client, people, directory):
    client.force_login(people["senco"])
    response = client.get(reverse("directory_services:index"), {"service_type": "iass"})
    assert [s.name for s in response.context["object_list"]] == ["Northshire SENDIASS"]
    response = client.get(reverse("directory_services:index"), {"is_public": "false"})
    assert [s.name for s in response.context["object_list"]] == ["Educational Psychology"]
