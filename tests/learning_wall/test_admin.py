"""The SENCO's side in the Wagtail admin: moderation list, bulk archive, export, the rota."""

import pytest
from django.urls import reverse

from wagtail_send.audit import verify_history
from wagtail_send.learning_wall.models import HalfTerm, Post, Team

pytestmark = pytest.mark.django_db

INDEX = "/admin/learning-wall/posts/"


def test_the_moderation_list_shows_only_the_senco_s_school(
    client, people, make_post, other_school
):
    make_post(title="Ours")
    Post.objects.create(school=other_school, kind="resource", title="Theirs")
    client.force_login(people["senco"])
    html = client.get(INDEX).content.decode()
    assert "Ours" in html and "Theirs" not in html
    assert "data-bulk-action-checkbox" in html
    hidden_only = client.get(INDEX, {"hidden": "true"}).content.decode()
    assert "Ours" not in hidden_only


def test_staff_have_no_admin(client, people):
    client.force_login(people["staff"])
    response = client.get(INDEX)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_bulk_archive_writes_history_for_each_post(client, people, make_post, other_school):
    ours = [make_post(title=f"Post {n}") for n in range(3)]
    theirs = Post.objects.create(school=other_school, kind="resource", title="Theirs")
    client.force_login(people["senco"])
    url = reverse(
        "wagtail_bulk_action",
        args=["wagtail_send_learning_wall", "post", "archive"],
    )
    query = "&".join(f"id={p.pk}" for p in [*ours[:2], theirs])
    confirm = client.get(f"{url}?{query}")
    assert confirm.status_code == 200
    assert "Post 0" in confirm.content.decode()
    assert "Theirs" not in confirm.content.decode()  # another school's: not even named
    response = client.post(f"{url}?{query}&next={INDEX}")
    assert response.status_code == 302
    archived = set(Post.objects.archived().values_list("pk", flat=True))
    assert archived == {ours[0].pk, ours[1].pk}
    theirs.refresh_from_db()
    assert not theirs.is_archived
    for post in ours[:2]:
        row = post.history.first()
        assert row.history_type == "~" and row.archived_at is not None
        assert row.history_user == people["senco"]
        assert row.history_change_reason == "Archived in bulk from the moderation list"
    assert verify_history() == []


def test_select_all_archives_only_what_the_senco_may(client, people, make_post, other_school):
    make_post(title="Ours")
    theirs = Post.objects.create(school=other_school, kind="resource", title="Theirs")
    client.force_login(people["senco"])
    url = reverse("wagtail_bulk_action", args=["wagtail_send_learning_wall", "post", "archive"])
    client.post(f"{url}?id=all&next={INDEX}")
    assert Post.objects.filter(title="Ours").get().is_archived
    theirs.refresh_from_db()
    assert not theirs.is_archived


def test_archived_posts_are_listed_and_restorable(client, people, make_post):
    post = make_post(title="Gone for now")
    post.archive()
    client.force_login(people["senco"])
    assert "Gone for now" in client.get(INDEX, {"archived": "1"}).content.decode()
    restore = f"/admin/learning-wall/posts/restore/{post.pk}/"
    client.post(restore)
    post.refresh_from_db()
    assert not post.is_archived


def test_csv_export_for_cpd_evidence(client, people, make_post, team):
    make_post(title="Sensory circuit", team=team)
    client.force_login(people["senco"])
    response = client.get(INDEX, {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    header, row = content.splitlines()[:2]
    assert "Title" in header and "Team" in header
    assert "Sensory circuit" in row and "Year 3 team" in row


def test_the_senco_manages_teams_from_their_own_staff(client, people, school, make_user):
    client.force_login(people["senco"])
    add = "/admin/learning-wall/teams/new/"
    form = client.get(add)
    members = form.context["form"].fields["members"].queryset
    assert people["staff"] in members and people["other_staff"] not in members
    response = client.post(
        add, {"school": school.pk, "name": "KS1 team", "members": [people["other_staff"].pk]}
    )
    assert response.status_code == 200 and not Team.objects.exists()
    response = client.post(
        add, {"school": school.pk, "name": "KS1 team", "members": [people["staff"].pk]}
    )
    assert response.status_code == 302
    team = Team.objects.get()
    assert list(team.members.all()) == [people["staff"]]
    assert team.history.first().history_user == people["senco"]


def test_the_senco_sets_the_half_term_calendar(client, people, school):
    client.force_login(people["senco"])
    add = "/admin/learning-wall/half-terms/new/"
    response = client.post(
        add,
        {
            "school": school.pk,
            "name": "Spring 1",
            "starts_on": "2027-01-05",
            "ends_on": "2027-01-01",
        },
    )
    assert response.status_code == 200 and not HalfTerm.objects.exists()
    response = client.post(
        add,
        {
            "school": school.pk,
            "name": "Spring 1",
            "starts_on": "2027-01-05",
            "ends_on": "2027-02-12",
        },
    )
    assert response.status_code == 302
    assert HalfTerm.objects.get().name == "Spring 1"


def test_staff_cannot_change_the_rota(people, school):
    from wagtail_send.access import can

    team = Team.objects.create(school=school, name="Year 1")
    assert can(people["staff"], "view", team)
    assert not can(people["staff"], "change", team)
    assert can(people["senco"], "change", team)
    assert not can(people["other_senco"], "view", team)


def test_the_posts_export_writes_formula_like_titles_as_text(client, people, make_post):
    from tests.formulas import DEFUSED, assert_csv_defused, assert_xlsx_text

    for title in DEFUSED:
        make_post(title=title)
    client.force_login(people["senco"])
    csv_reply = client.get(INDEX, {"export": "csv"})
    assert_csv_defused(b"".join(csv_reply.streaming_content))
    assert_xlsx_text(b"".join(client.get(INDEX, {"export": "xlsx"}).streaming_content))
