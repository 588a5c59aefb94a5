"""The directory page's cached listing: never shown to the wrong person, never stale."""

import pytest
from django.db import transaction
from django.db.models import Q
from django.test import Client

from wagtail_send.access import grant, revoke
from wagtail_send.audit import acting_as, erase
from wagtail_send.directory.models import Contact, Organisation, Service
from wagtail_send.roles import Role

# The test runs in a transaction that is never committed; the writes below are
# "committed" with django_capture_on_commit_callbacks(execute=True).


def _html(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    return response.content.decode()


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_public_never_sees_what_staff_saw_first(people, directory, directory_page):
    staff = _html(_signed_in(people["staff"]), directory_page.url)
    assert "Jo Private" in staff and "Educational Psychology" in staff
    public = _html(Client(), directory_page.url)
    assert "Speech and Language Therapy" in public
    assert "Jo Private" not in public and "Educational Psychology" not in public
    assert "Staff only" not in public and "Needs checking" not in public


def test_staff_see_everything_after_the_public_looked(people, directory, directory_page):
    _html(Client(), directory_page.url)
    for who in ("staff", "senco", "superuser"):
        html = _html(_signed_in(people[who]), directory_page.url)
        assert "Jo Private" in html and "Educational Psychology" in html, who


def test_someone_seeing_by_grant_is_never_shared_a_copy(people, directory, directory_page):
    ep, guest, senco = directory["ep"], people["guest"], people["senco"]
    _html(Client(), directory_page.url)
    _html(_signed_in(people["staff"]), directory_page.url)
    grant(ep, guest, "view", by=senco, as_guest=True)
    as_guest = _signed_in(guest)
    assert "Educational Psychology" in _html(as_guest, directory_page.url)
    elsewhere = _signed_in(people["other_staff"])
    assert "Educational Psychology" not in _html(elsewhere, directory_page.url)
    assert "Educational Psychology" not in _html(Client(), directory_page.url)
    revoke(ep, guest, "view", by=senco)
    assert "Educational Psychology" not in _html(as_guest, directory_page.url)


def test_governor_without_grants_sees_public_entries(people, directory, directory_page):
    _html(_signed_in(people["staff"]), directory_page.url)
    html = _html(_signed_in(people["governor"]), directory_page.url)
    assert "Speech and Language Therapy" in html and "Educational Psychology" not in html


def test_each_search_and_page_is_its_own_copy(people, directory, directory_page):
    client = _signed_in(people["staff"])
    assert "Educational Psychology" in _html(client, directory_page.url)
    searched = _html(client, directory_page.url, {"q": "speech"})
    assert "Speech and Language Therapy" in searched
    assert "Educational Psychology" not in searched


@pytest.mark.parametrize("who", ["staff", None])
def test_edits_show_at_once(
    people, directory, directory_page, who, django_capture_on_commit_callbacks
):
    client = _signed_in(people[who]) if who else Client()
    salt, senco = directory["salt"], people["senco"]
    _html(client, directory_page.url)
    with django_capture_on_commit_callbacks(execute=True), acting_as(senco):
        salt.name = "Speech Therapy Service"
        salt.save()
        Organisation.objects.filter(pk=salt.organisation_id).update(name="Northshire Health")
        Contact.objects.filter(name="Jo Private").update(is_public=True)
        Service.objects.filter(pk=directory["iass"].pk).delete()  # archives, in bulk
    html = _html(client, directory_page.url)
    assert "Speech Therapy Service" in html and "Northshire Health" in html
    assert "Jo Private" in html  # now public
    assert "Northshire SENDIASS" not in html


def test_new_and_erased_entries_show_at_once(
    people, directory, directory_page, django_capture_on_commit_callbacks
):
    client = Client()
    senco = people["senco"]
    _html(client, directory_page.url)
    with django_capture_on_commit_callbacks(execute=True), acting_as(senco):
        Service.objects.bulk_create(
            [Service(school=directory["salt"].school, name="Portage", is_public=True)]
        )
    assert "Portage" in _html(client, directory_page.url)
    with django_capture_on_commit_callbacks(execute=True):
        erase(directory["salt"], by=senco, reason="Data-protection request 42")
    assert "Speech and Language Therapy" not in _html(client, directory_page.url)


def test_role_scopes_change_who_shares_a_listing(
    people, school, directory, directory_page, make_user, monkeypatch
):
    # Staff narrowed to public entries, as a model may declare: an author then sees more.
    monkeypatch.setattr(Service, "role_scopes", {Role.STAFF: Q(is_public=True)})
    author = make_user("author", school=school, role=Role.STAFF)
    with acting_as(author):
        Service.objects.create(school=school, name="Nurture group", created_by=author)
    teacher = _html(_signed_in(people["staff"]), directory_page.url)  # the staff role's copy
    assert "Speech and Language Therapy" in teacher
    assert "Educational Psychology" not in teacher and "Nurture group" not in teacher
    own = _html(_signed_in(author), directory_page.url)
    assert "Nurture group" in own and "Educational Psychology" not in own
    assert "Nurture group" not in _html(_signed_in(people["staff"]), directory_page.url)
    senco = _html(_signed_in(people["senco"]), directory_page.url)
    assert "Educational Psychology" in senco and "Nurture group" in senco


def test_a_rolled_back_write_leaves_nothing_stale(people, directory, directory_page, each_cache):
    client, salt = _signed_in(people["staff"]), directory["salt"]
    _html(client, directory_page.url)
    with pytest.raises(RuntimeError), transaction.atomic(), acting_as(people["senco"]):
        salt.name = "A name never committed"
        salt.save()
        assert "A name never committed" in _html(client, directory_page.url)
        raise RuntimeError
    html = _html(client, directory_page.url)
    assert "A name never committed" not in html and "Speech and Language Therapy" in html
