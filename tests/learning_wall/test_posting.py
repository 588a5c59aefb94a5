"""Posting, editing and archiving through the front-end forms, and the bad input they refuse."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.learning_wall.conftest import photo_upload
from wagtail_send.audit import verify_history
from wagtail_send.learning_wall.models import Post, PostImage
from wagtail_send.models import NeedType

pytestmark = pytest.mark.django_db

CREATE = reverse("wagtail_send_learning_wall:create")


def post_data(school, **overrides):
    data = {
        "school": school.pk,
        "kind": "photograph",
        "title": "Sensory circuit",
        "body": "We ran a **sensory circuit** before phonics.\n\n- bounce\n- balance",
        "areas_of_need": [NeedType.objects.get(code="SEMH").pk],
        "key_stages": ["ks1", "ks2"],
        "photo_description": "Children's feet on balance stepping stones",
    }
    data.update(overrides)
    return data


def test_teacher_posts_with_a_photo_and_sees_it_on_the_wall(client, people, school, wall, team):
    client.force_login(people["staff"])
    response = client.post(
        CREATE, post_data(school, team=team.pk, photo=photo_upload()), follow=True
    )
    assert response.status_code == 200
    post = Post.objects.get()
    assert post.created_by == people["staff"] and post.school == school and post.team == team
    assert "<b>sensory circuit</b>" in post.body and "<li>bounce</li>" in post.body
    assert post.key_stage_list == ["ks1", "ks2"]
    attached = PostImage.objects.get(post=post)
    assert attached.description == "Children's feet on balance stepping stones"
    # The wall shows it, with the photo through the checked view, never a media URL.
    wall_html = client.get(wall.url).content.decode()
    assert "Sensory circuit" in wall_html
    assert f"/send/learning-wall/posts/{post.pk}/photos/{attached.pk}/card/" in wall_html
    assert "/media/" not in wall_html
    photo = client.get(
        reverse("wagtail_send_learning_wall:image", args=[post.pk, attached.pk, "card"])
    )
    assert photo.status_code == 200 and photo["Content-Type"].startswith("image/")
    history = post.history.all()
    assert history.count() >= 1 and history.first().history_user == people["staff"]
    assert verify_history() == []


def test_a_file_is_attached_and_downloaded_only_through_the_post(client, people, school):
    client.force_login(people["staff"])
    upload = SimpleUploadedFile("plan.txt", b"Week 1: visual supports", content_type="text/plain")
    client.post(CREATE, post_data(school, kind="planning", file=upload, photo_description=""))
    post = Post.objects.get()
    attached = post.documents.get()
    url = reverse("wagtail_send_learning_wall:document", args=[post.pk, attached.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Week 1: visual supports"
    assert "attachment" in response["Content-Disposition"]
    client.force_login(people["other_staff"])
    assert client.get(url).status_code == 404


def _refused(response, field, count_before=0):
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert Post.objects.count() == count_before
    assert PostImage.objects.count() == 0


def test_an_empty_title_is_a_field_error_and_nothing_is_saved(client, people, school):
    client.force_login(people["staff"])
    response = client.post(CREATE, post_data(school, title="", photo=photo_upload()))
    _refused(response, "title")
    assert "Enter a title for your post." in response.content.decode()


def test_a_file_that_is_not_a_picture_is_refused(client, people, school):
    client.force_login(people["staff"])
    fake = SimpleUploadedFile("photo.jpg", b"not really a jpeg", content_type="image/jpeg")
    _refused(client.post(CREATE, post_data(school, photo=fake)), "photo")


def test_an_oversized_photo_is_refused(client, people, school, settings):
    settings.WAGTAILSEND_MAX_UPLOAD_BYTES = 2000
    client.force_login(people["staff"])
    noise = SimpleUploadedFile("big.png", _noisy_png(), content_type="image/png")
    assert noise.size > 2000
    response = client.post(CREATE, post_data(school, photo=noise))
    _refused(response, "photo")
    assert "the largest allowed is" in response.context["form"].errors["photo"][0]


def _noisy_png():
    import io
    import random

    from PIL import Image

    rng = random.Random(1)
    picture = Image.new("RGB", (80, 80))
    picture.putdata([(rng.randrange(256), rng.randrange(256), 0) for _ in range(6400)])
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


def test_an_svg_is_refused(client, people, school):
    client.force_login(people["staff"])
    svg = SimpleUploadedFile(
        "photo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    _refused(client.post(CREATE, post_data(school, photo=svg)), "photo")


def test_when_and_on_what_a_photo_was_taken_is_removed(client, people, school):
    import io

    from PIL import Image

    picture = Image.new("RGB", (40, 30), (10, 20, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x0132] = "2026:11:20 09:15:00"  # when it was taken
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", exif=exif)
    client.force_login(people["staff"])
    upload = SimpleUploadedFile("p.jpg", buffer.getvalue(), content_type="image/jpeg")
    client.post(CREATE, post_data(school, photo=upload))
    stored = PostImage.objects.get()
    with stored.file.open("rb") as f, Image.open(f) as saved:
        assert not saved.getexif()


def test_a_photo_needs_a_description(client, people, school):
    client.force_login(people["staff"])
    response = client.post(CREATE, post_data(school, photo=photo_upload(), photo_description=""))
    _refused(response, "photo_description")


def test_script_in_the_body_is_stripped(client, people, school, wall):
    client.force_login(people["staff"])
    body = (
        "Hello <script>alert('x')</script><img src=x onerror=alert(1)> [link](javascript:alert(1))"
    )
    client.post(CREATE, post_data(school, body=body, photo_description=""))
    post = Post.objects.get()
    assert "<script" not in post.body and "onerror" not in post.body
    assert "javascript:" not in post.body
    page = client.get(post.get_absolute_url()).content.decode()
    assert "<script>alert" not in page and "onerror=" not in page


def test_posting_to_a_school_the_teacher_is_not_in_is_refused(
    client, people, school, other_school
):
    client.force_login(people["staff"])
    response = client.post(CREATE, post_data(other_school, photo_description=""))
    _refused(response, "school")
    assert "You can only post to the wall of a school you work in." in response.content.decode()


def test_a_team_from_another_school_is_refused(client, people, school, other_school):
    from wagtail_send.learning_wall.models import Team

    elsewhere = Team.objects.create(school=other_school, name="Their team")
    client.force_login(people["staff"])
    response = client.post(CREATE, post_data(school, team=elsewhere.pk, photo_description=""))
    _refused(response, "team")


def test_the_author_edits_their_own_post(client, people, make_post):
    post = make_post()
    client.force_login(people["staff"])
    url = reverse("wagtail_send_learning_wall:edit", args=[post.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert "Works well for transitions." in form.content.decode()
    response = client.post(
        url,
        {"kind": "resource", "title": "Visual timetable (updated)", "body": "Now with symbols."},
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "Visual timetable (updated)" and post.body == "<p>Now with symbols.</p>"
    latest = post.history.first()
    assert latest.history_type == "~" and latest.history_user == people["staff"]
    assert latest.history_change_reason == "Edited on the learning wall"


def test_another_teacher_gets_403_on_edit_and_archive(
    client, people, make_user, school, make_post
):
    post = make_post()
    colleague = make_user("colleague", school=school, role="staff")
    client.force_login(colleague)
    edit = reverse("wagtail_send_learning_wall:edit", args=[post.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"kind": "resource", "title": "Mine now"}).status_code == 403
    archive = reverse("wagtail_send_learning_wall:archive", args=[post.pk])
    assert client.post(archive).status_code == 403
    hide = reverse("wagtail_send_learning_wall:hide", args=[post.pk])
    assert client.post(hide).status_code == 403
    post.refresh_from_db()
    assert post.title == "Visual timetable" and not post.is_archived and not post.hidden
    # ...but they can read it.
    assert client.get(post.get_absolute_url()).status_code == 200


def test_the_author_archives_and_restores_their_post(client, people, make_post, wall):
    post = make_post()
    client.force_login(people["staff"])
    client.post(reverse("wagtail_send_learning_wall:archive", args=[post.pk]))
    post.refresh_from_db()
    assert post.is_archived
    assert "Visual timetable" not in client.get(wall.url).content.decode()
    client.post(reverse("wagtail_send_learning_wall:restore", args=[post.pk]))
    post.refresh_from_db()
    assert not post.is_archived
    notes = list(post.history.values_list("history_change_reason", flat=True))
    assert notes[:2] == ["Restored on the learning wall", "Archived on the learning wall"]


def test_governors_and_guests_cannot_post(client, people):
    for who in ("governor", "guest"):
        client.force_login(people[who])
        assert client.get(CREATE).status_code == 403


def test_signing_in_is_required(client, wall, make_post):
    post = make_post()
    for url in (wall.url, CREATE, post.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302 and "login/?next=" in response["Location"]


def test_the_form_suggests_the_teachers_own_team(client, people, team):
    client.force_login(people["staff"])
    assert client.get(CREATE).context["form"]["team"].value() == team.pk


def test_a_wall_page_made_in_the_admin_is_private_to_the_schools_staff(
    client, people, school, wall
):
    from wagtail.models import PageViewRestriction

    client.force_login(people["superuser"])
    parent = wall.get_parent()
    wall.delete()
    url = f"/admin/pages/add/wagtail_send_learning_wall/learningwallpage/{parent.pk}/"
    response = client.post(url, {"title": "Our wall", "slug": "our-wall", "action-publish": "1"})
    assert response.status_code == 302, response.context["form"].errors
    page = parent.get_children().get(slug="our-wall")
    restriction = PageViewRestriction.objects.get(page=page)
    assert set(restriction.groups.all()) == set(people["staff"].groups.all()) | set(
        people["senco"].groups.all()
    ) | set(people["slt"].groups.all())
    client.force_login(people["governor"])
    assert client.get(page.url).status_code in (302, 403)
