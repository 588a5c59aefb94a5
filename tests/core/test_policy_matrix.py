"""The core permission policy as a matrix: who may do what to a record of one school.

The expected table is here, in one readable place. Rows are the people of
``tests/conftest.py::people``; columns are actions; a cell lists what each holds on a
record of ``school`` created by ``staff`` (the author) and shared with ``guest``.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.testapp.models import Note
from wagtail_send.access import can, grant, policy_for, revoke, visible

ACTIONS = ["view", "add", "change", "delete", "history", "export", "share", "launch_rockets"]

#: person -> actions they hold on the note (the author is "staff"; "guest" has a view grant)
EXPECTED = {
    "anonymous": set(),
    "inactive": set(),
    "staff": {"view", "change", "delete", "history", "share"},  # as author
    "other_staff": set(),
    "other_senco": set(),
    "senco": {"view", "add", "change", "delete", "history", "export", "share"},
    "slt": {"view", "history", "export"},
    "governor": set(),
    "guest": {"view"},
    "superuser": {"view", "add", "change", "delete", "history", "export", "share"},
}


@pytest.fixture
def note(people, school):
    record = Note.objects.create(
        school=school, title="Visual timetables", created_by=people["staff"]
    )
    grant(record, people["guest"], "view", by=people["senco"], as_guest=True)
    return record


def person(people, name):
    return AnonymousUser() if name == "anonymous" else people[name]


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_policy_matrix(people, note, name, action):
    user = person(people, name)
    allowed = can(user, action, note)
    assert allowed == (action in EXPECTED[name]), f"{name} {action}"
    listed = visible(user, Note, action).filter(pk=note.pk).exists()
    # "add" is about making new records, not about this one; listing follows the rest.
    if action != "add":
        assert listed == allowed, f"{name} listing for {action}"


def test_a_colleague_who_is_not_the_author_may_only_read(people, note, make_user, school):
    colleague = make_user("colleague", school=school, role="staff")
    assert can(colleague, "view", note)
    assert not can(colleague, "change", note)


def test_model_level_add_follows_roles_only(people, note):
    policy = policy_for(Note)
    assert policy.user_has_permission(people["senco"], "add")
    assert not policy.user_has_permission(people["staff"], "add")
    assert not policy.user_has_permission(people["guest"], "add")
    assert policy.user_has_permission(people["guest"], "view")
    assert not policy.user_has_permission(people["inactive"], "view")
    assert not policy.user_has_permission(AnonymousUser(), "view")


def test_users_with_permission_for_instance_names_exactly_the_right_people(people, note):
    names = {
        u.username for u in policy_for(Note).users_with_permission_for_instance("change", note)
    }
    assert names == {"teacher", "senco", "admin"}


def test_no_listing_crosses_schools(people, school, other_school):
    Note.objects.create(school=school, title="Ours")
    Note.objects.create(school=other_school, title="Theirs")
    assert list(visible(people["senco"], Note).values_list("title", flat=True)) == ["Ours"]
    assert list(visible(people["other_senco"], Note).values_list("title", flat=True)) == ["Theirs"]


def test_a_global_django_permission_does_not_list_other_schools(people, school, other_school):
    from django.contrib.auth.models import Permission

    Note.objects.create(school=other_school, title="Theirs")
    people["staff"].user_permissions.add(Permission.objects.get(codename="view_note"))
    assert not visible(people["staff"], Note).filter(title="Theirs").exists()


def test_revocation_takes_effect_on_the_next_request(people, note):
    guest = people["guest"]
    assert can(guest, "view", note)
    revoke(note, guest, "view", by=people["senco"])
    assert not can(guest, "view", note)
    assert not visible(guest, Note).exists()


def test_membership_change_takes_effect_on_the_next_request(people, note, school):
    from django.contrib.auth import get_user_model

    from wagtail_send.models import Membership

    slt = people["slt"]
    assert can(slt, "view", note)
    Membership.objects.filter(user=slt).delete()
    fresh = get_user_model().objects.get(pk=slt.pk)  # what the next request loads
    assert not can(fresh, "view", note)


def test_listing_is_one_query_whatever_the_size(people, school, django_assert_num_queries):
    from wagtail_send.access.policy import memberships_of

    Note.objects.bulk_create([Note(school=school, title=f"n{i}") for i in range(50)])
    memberships_of(people["senco"])
    with django_assert_num_queries(1):
        assert len(list(visible(people["senco"], Note))) == 50


def test_a_role_scope_narrows_a_roles_reach_in_checks_and_listings(people, school, monkeypatch):
    from django.db.models import Q

    monkeypatch.setattr(Note, "role_scopes", {"slt": Q(title__startswith="Final")})
    draft = Note.objects.create(school=school, title="Draft report")
    final = Note.objects.create(school=school, title="Final report")
    slt = people["slt"]
    assert not can(slt, "view", draft) and can(slt, "view", final)
    assert list(visible(slt, Note)) == [final]
    assert can(people["senco"], "view", draft)  # other roles are not narrowed


def test_grants_made_before_grants_recorded_guests_are_marked_from_the_access_log(
    people, note, school
):
    """The migration that added ``as_guest`` reads it from the access log."""
    from django.apps import apps

    from tests.testapp.models import NoteUserGrant
    from wagtail_send.access.backfill import mark_guest_grants

    grant(note, people["staff"], "change", by=people["senco"])
    NoteUserGrant.objects.update(as_guest=False)  # as every grant was before the migration
    mark_guest_grants("testapp")(apps, None)
    marked = dict(NoteUserGrant.objects.values_list("user__username", "as_guest"))
    assert marked == {"visitor": True, "teacher": False}
