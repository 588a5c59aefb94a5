"""Who sees what: staff read, the SENCO moderates, guests and governors by sharing only."""

import pytest
from django.urls import reverse

from wagtail_send.access import grant, visible
from wagtail_send.audit import verify_history
from wagtail_send.learning_wall.models import Post, Reply, Useful
from wagtail_send.models import AccessChange

pytestmark = pytest.mark.django_db


def url(name, post, *args):
    return reverse(f"wagtail_send_learning_wall:{name}", args=[post.pk, *args])


def test_every_member_of_staff_reads_posts_but_governors_do_not(client, people, make_post, wall):
    post = make_post()
    for who in ("staff", "senco", "slt"):
        client.force_login(people[who])
        assert client.get(post.get_absolute_url()).status_code == 200
        assert "Visual timetable" in client.get(wall.url).content.decode()
    client.force_login(people["governor"])
    assert client.get(post.get_absolute_url()).status_code == 404


def test_nobody_outside_the_school_sees_anything(client, people, make_post, wall):
    post = make_post()
    for who in ("other_staff", "other_senco", "guest"):
        client.force_login(people[who])
        assert client.get(post.get_absolute_url()).status_code == 404
        assert client.get(url("edit", post)).status_code == 404
        assert client.get(url("share", post)).status_code == 404
        assert client.post(url("useful", post)).status_code == 404
        assert client.post(url("reply", post), {"body": "Hello"}).status_code == 404
        # Wagtail's page privacy keeps the wall page itself from them too.
        assert client.get(wall.url).status_code in (302, 403)
    assert Reply.objects.count() == 0 and Useful.objects.count() == 0
    assert not visible(people["other_senco"], Post).exists()


def test_the_senco_hides_a_post_from_staff_and_shows_it_again(
    client, people, make_post, make_user, school, wall
):
    post = make_post()
    colleague = make_user("colleague", school=school, role="staff")
    client.force_login(people["senco"])
    response = client.post(url("hide", post), {"reason": "Shows a pupil's face"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.hidden
    row = post.history.first()
    assert (
        row.history_user == people["senco"] and row.history_change_reason == "Shows a pupil's face"
    )
    # Other staff no longer see it; the author and the SENCO still do, marked hidden.
    client.force_login(colleague)
    assert "Visual timetable" not in client.get(wall.url).content.decode()
    assert client.get(post.get_absolute_url()).status_code == 404
    client.force_login(people["staff"])
    page = client.get(post.get_absolute_url()).content.decode()
    assert "Hidden by the SENCO." in page
    assert client.post(url("unhide", post)).status_code == 403
    client.force_login(people["senco"])
    client.post(url("unhide", post))
    post.refresh_from_db()
    assert not post.hidden
    assert post.history.first().history_change_reason == "Shown again by the SENCO"


def test_the_senco_archives_and_restores_any_post(client, people, make_post):
    post = make_post()
    client.force_login(people["senco"])
    client.post(url("archive", post))
    post.refresh_from_db()
    assert post.is_archived
    client.force_login(people["slt"])
    assert client.get(post.get_absolute_url()).status_code == 404
    client.force_login(people["senco"])
    assert "This post is archived." in client.get(post.get_absolute_url()).content.decode()
    client.post(url("restore", post))
    post.refresh_from_db()
    assert not post.is_archived
    assert [r.history_type for r in post.history.all()] == ["~", "~", "+"]


def test_sharing_with_a_guest_and_taking_it_back(client, people, make_post):
    post = make_post()
    guest = people["guest"]
    client.force_login(people["staff"])  # the author may share their own post
    response = client.post(
        url("share", post), {"person": "visitor", "action": "view", "as_guest": "on"}
    )
    assert response.status_code == 302
    change = AccessChange.objects.get()
    assert change.grantee == guest and change.as_guest and change.kind == "granted"
    client.force_login(guest)
    assert client.get(post.get_absolute_url()).status_code == 200
    assert client.get(url("edit", post)).status_code == 403
    # The guest sees that one post, not the rest of the wall.
    other = Post.objects.create(school=post.school, kind="question", title="Other post")
    assert client.get(other.get_absolute_url()).status_code == 404
    client.force_login(people["staff"])
    client.post(url("unshare", post, guest.pk))
    assert AccessChange.objects.filter(kind="revoked", grantee=guest).exists()
    client.force_login(guest)
    assert client.get(post.get_absolute_url()).status_code == 404


def test_sharing_with_someone_outside_the_school_must_be_as_a_guest(client, people, make_post):
    post = make_post()
    client.force_login(people["senco"])
    response = client.post(url("share", post), {"person": "visitor", "action": "view"})
    assert response.status_code == 200
    assert "Invite them as a guest" in response.content.decode()
    assert not AccessChange.objects.exists()


def test_another_teacher_cannot_share_a_post(client, people, make_post, make_user, school):
    post = make_post(created_by=people["senco"])
    client.force_login(people["staff"])
    assert client.get(url("share", post)).status_code == 403
    assert client.post(url("share_governors", post)).status_code == 403


def test_sharing_with_governors(client, people, make_post):
    post = make_post()
    client.force_login(people["senco"])
    client.post(url("share_governors", post))
    client.force_login(people["governor"])
    assert client.get(post.get_absolute_url()).status_code == 200
    assert AccessChange.objects.filter(grantee=people["governor"], kind="granted").exists()


def test_replies_and_one_useful_mark_per_person(client, people, make_post):
    post = make_post(kind="question", title="How do you use now-and-next boards?")
    client.force_login(people["slt"])
    response = client.post(url("reply", post), {"body": "<b>We</b> use them at lunch."})
    assert response.status_code == 302
    reply = Reply.objects.get()
    assert reply.created_by == people["slt"] and reply.school == post.school
    page = client.get(post.get_absolute_url()).content.decode()
    assert "Answers" in page and "&lt;b&gt;We&lt;/b&gt; use them at lunch." in page
    client.post(url("useful", post))
    assert Useful.objects.filter(post=post).count() == 1
    client.post(url("useful", post))  # a second press takes it back
    assert Useful.objects.filter(post=post).count() == 0
    client.post(url("useful", post))
    client.force_login(people["staff"])
    client.post(url("useful", post))
    assert Useful.objects.filter(post=post).count() == 2
    assert "2 people found this useful" in client.get(post.get_absolute_url()).content.decode()
    assert verify_history() == []


def test_an_empty_reply_is_refused(client, people, make_post):
    post = make_post()
    client.force_login(people["staff"])
    response = client.post(url("reply", post), {"body": "  "}, follow=True)
    assert "Write your reply first." in response.content.decode()
    assert Reply.objects.count() == 0


def test_photos_and_files_are_not_served_to_outsiders(client, people, school, make_post):
    from tests.learning_wall.conftest import photo_upload
    from wagtail_send.learning_wall.media import attach_image

    post = make_post()
    attached = attach_image(post, photo_upload(), alt_text="Tray")
    client.force_login(people["other_staff"])
    assert client.get(url("image", post, attached.pk, "card")).status_code == 404
    client.force_login(people["staff"])
    assert client.get(url("image", post, attached.pk, "card")).status_code == 200
    assert client.get(url("image", post, attached.pk, "fill-10x10")).status_code == 404


def test_granting_needs_the_share_right(people, make_post):
    from django.core.exceptions import PermissionDenied

    post = make_post(created_by=people["senco"])
    with pytest.raises(PermissionDenied):
        grant(post, people["guest"], "view", by=people["slt"], as_guest=True)


def test_a_guest_who_may_only_view_a_post_cannot_mark_it_useful(client, people, make_post):
    post = make_post()
    grant(post, people["guest"], "view", by=people["senco"], as_guest=True)
    client.force_login(people["guest"])
    page = client.get(post.get_absolute_url())
    assert page.status_code == 200
    assert "I found this useful" not in page.content.decode()
    assert client.post(url("useful", post)).status_code == 403
    assert not Useful.objects.exists()
    # A member of staff at the school may.
    client.force_login(people["staff"])
    assert "I found this useful" in client.get(post.get_absolute_url()).content.decode()
    client.post(url("useful", post))
    assert Useful.objects.filter(user=people["staff"]).exists()
