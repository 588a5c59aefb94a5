"""Access changes take effect at once, and leave nothing behind, on every record model."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from wagtail_send.access import can, grant, revoke, visible
from wagtail_send.access.policy import grant_model_for
from wagtail_send.audit import erase
from wagtail_send.models import Membership

from .factories import feature_record_models, make, make_not_public

MODELS = {m._meta.label: m for m in feature_record_models()}


@pytest.mark.parametrize("label", sorted(MODELS))
def test_no_grant_outlives_its_record_or_its_person(label, cast, school, make_user):
    model = MODELS[label]
    grants = grant_model_for(model).objects
    record = make(model, school=school, author=cast["author"])
    leaver = make_user("leaver2")
    grant(record, cast["guest"], "view", by=cast["superuser"], as_guest=True)
    grant(record, leaver, "change", by=cast["superuser"], as_guest=True)
    assert grants.filter(content_object=record).count() == 2

    leaver.delete()  # guardian's rows go with the person
    assert grants.filter(content_object=record).count() == 1

    record.delete()  # archives: the record still exists, so its grants are not orphans
    assert grants.filter(content_object=record).count() == 1
    erase(record, by=cast["superuser"], reason="Data-protection request 8")
    assert grants.count() == 0


@pytest.mark.parametrize("label", sorted(MODELS))
def test_a_global_django_permission_never_lists_another_schools_records(label, cast, other_school):
    model = MODELS[label]
    theirs = make_not_public(model, school=other_school, author=cast["other_senco"])
    staff = cast["staff"]
    staff.user_permissions.add(
        *Permission.objects.filter(content_type__app_label=model._meta.app_label)
    )
    for action in ("view", "change", "delete", "history", "export"):
        assert not visible(staff, model, action).filter(pk=theirs.pk).exists(), action
        assert not can(staff, action, theirs), action


def test_revocation_takes_effect_on_the_next_request(cast, school, client):
    from wagtail_send.learning_wall.models import Post

    post = make(Post, school=school, author=cast["author"])
    url = reverse("wagtail_send_learning_wall:post", args=[post.pk])
    client.force_login(cast["guest"])
    grant(post, cast["guest"], "view", by=cast["senco"], as_guest=True)
    assert client.get(url).status_code == 200
    revoke(post, cast["guest"], "view", by=cast["senco"])
    assert client.get(url).status_code == 404


def test_membership_change_takes_effect_on_the_next_request(cast, school, client):
    from wagtail_send.skills_audit.models import Campaign

    campaign = make(Campaign, school=school, author=cast["senco"])
    url = reverse("skills_audit_campaigns:edit", args=[campaign.pk])
    client.force_login(cast["slt"])
    membership = Membership.objects.get(user=cast["slt"])
    membership.role = "senco"
    membership.save()
    assert client.get(url).status_code == 200
    membership.delete()
    assert client.get(url).status_code == 302  # Wagtail's "no permission" redirect


def test_a_membership_changed_to_another_role_or_school_takes_the_old_groups_admin_away(
    client, school, other_school, make_user
):
    from wagtail_send.schools import role_group

    senco = make_user("wasthesenco", school=school, role="senco")
    client.force_login(senco)
    assert client.get("/admin/").status_code == 200
    membership = Membership.objects.get(user=senco)
    membership.role = "staff"  # stepped down to class teacher
    membership.save()
    assert set(senco.groups.all()) == {role_group(school, "staff")}
    assert client.get("/admin/").status_code == 302  # no Wagtail admin any more

    membership.role, membership.school = "senco", other_school  # moved within the trust
    membership.save()
    assert set(senco.groups.all()) == {role_group(other_school, "senco")}
    membership.delete()
    assert not senco.groups.exists()
