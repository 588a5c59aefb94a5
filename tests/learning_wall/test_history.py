"""Every action on a post leaves a history row: who, what, and why."""

import pytest
from django.urls import reverse

from tests.learning_wall.conftest import photo_upload
from wagtail_send.audit import verify_history
from wagtail_send.learning_wall.models import Post, PostImage, Reply, Useful

pytestmark = pytest.mark.django_db


def lw(name, *args):
    return reverse(f"wagtail_send_learning_wall:{name}", args=args)


def test_create_edit_moderate_archive_and_restore_are_all_in_the_history(client, people, school):
    teacher, senco = people["staff"], people["senco"]
    client.force_login(teacher)
    client.post(
        lw("create"),
        {
            "school": school.pk,
            "kind": "resource",
            "title": "Pencil grips",
            "body": "Try them",
            "photo": photo_upload(),
            "photo_description": "Pencil grips in a pot",
        },
    )
    post = Post.objects.get()
    client.post(lw("edit", post.pk), {"kind": "resource", "title": "Pencil grips (KS1)"})
    client.post(lw("reply", post.pk), {"body": "Which ones?"})
    client.post(lw("useful", post.pk))
    client.force_login(senco)
    client.post(lw("hide", post.pk), {"reason": "Checking the photo"})
    client.post(lw("unhide", post.pk))
    client.post(lw("archive", post.pk))
    client.post(lw("restore", post.pk))

    rows = list(post.history.order_by("history_seq"))
    assert [(r.history_type, r.history_user, r.history_change_reason) for r in rows] == [
        ("+", teacher, "Posted on the learning wall"),
        ("~", teacher, "Edited on the learning wall"),
        ("~", senco, "Checking the photo"),
        ("~", senco, "Shown again by the SENCO"),
        ("~", senco, "Archived on the learning wall"),
        ("~", senco, "Restored on the learning wall"),
    ]
    assert [r.title for r in rows][:2] == ["Pencil grips", "Pencil grips (KS1)"]
    assert [r.hidden for r in rows][1:4] == [False, True, False]
    assert PostImage.history.get().history_user == teacher
    assert Reply.history.get().history_user == teacher
    assert Useful.history.get().history_user == teacher
    assert verify_history() == []
