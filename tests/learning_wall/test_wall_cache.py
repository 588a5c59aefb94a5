"""The wall's cached content: shown again without reading the wall, forgotten on every
write a reader would notice, and never one person's view shown to another."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail_send.learning_wall.display import audience
from wagtail_send.learning_wall.media import attach_image
from wagtail_send.learning_wall.models import HalfTerm, Post, Reply, Team, Theme, Useful
from wagtail_send.models import Membership, NeedType
from wagtail_send.roles import Role

pytestmark = pytest.mark.django_db


def _html(client, wall, **query):
    response = client.get(wall.url, query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def teacher(client, people, wall):
    client.force_login(people["staff"])
    return client


def test_a_second_read_does_not_query_the_wall_again(teacher, wall, make_post):
    make_post(title="Now and next board")
    teacher.get(wall.url)
    with CaptureQueriesContext(connection) as queries:
        html = _html(teacher, wall)
    assert "Now and next board" in html
    # Wagtail still finds the page itself; nothing the page shows is read.
    shown = ("learning_wall_post", "learning_wall_team", "learning_wall_halfterm", "needtype")
    assert [q["sql"] for q in queries if any(table in q["sql"] for table in shown)] == []


def test_posts_appear_change_and_go_at_once(teacher, people, wall, make_post):
    post = make_post(title="Now and next board")
    assert "Now and next board" in _html(teacher, wall)

    post.title = "Now and next board, laminated"
    post.save()
    assert "Now and next board, laminated" in _html(teacher, wall)

    Post.objects.bulk_create([Post(school=post.school, kind="question", title="Bulk question")])
    assert "Bulk question" in _html(teacher, wall)

    post.archive()
    html = _html(teacher, wall)
    assert "laminated" not in html and "Bulk question" in html
    post.restore()
    assert "laminated" in _html(teacher, wall)


def test_useful_marks_replies_and_photos_show_at_once(teacher, people, wall, make_post, photo):
    post = make_post()
    assert "0 people found this useful" in _html(teacher, wall)
    mark = Useful.objects.create(post=post, user=people["senco"])
    assert "1 person found this useful" in _html(teacher, wall)
    mark.delete()
    assert "0 people found this useful" in _html(teacher, wall)

    Reply.objects.create(school=post.school, post=post, body="Thank you", created_by=people["slt"])
    assert "1 reply" in _html(teacher, wall)

    assert "lw-card__photo" not in _html(teacher, wall)
    attached = attach_image(post, photo, alt_text="Tray")
    assert 'alt="Tray"' in _html(teacher, wall)
    attached.description = "Sorting tray"
    attached.save()
    assert 'alt="Sorting tray"' in _html(teacher, wall)


def test_a_changed_name_shows_on_the_posts(teacher, people, wall, make_post):
    make_post(created_by=people["senco"])
    assert "Senco" in _html(teacher, wall)
    people["senco"].first_name = "Priya"
    people["senco"].save()
    assert "Priya" in _html(teacher, wall)


def test_rota_and_filters_follow_teams_themes_half_terms_and_areas(teacher, school, wall):
    today = timezone.localdate()
    assert "Rota for" not in _html(teacher, wall)
    team = Team.objects.create(school=school, name="Reception")
    term = HalfTerm.objects.create(
        school=school,
        name="Spring 1",
        starts_on=today - datetime.timedelta(days=2),
        ends_on=today + datetime.timedelta(days=20),
    )
    html = _html(teacher, wall)
    assert "Rota for Spring 1" in html and "Reception" in html

    other = Team.objects.create(school=school, name="Year 6")
    term.teams_due.add(other)
    due = _html(teacher, wall).split("Due to post")[1].split("Have posted")[0]
    assert "Year 6" in due and "Reception" not in due

    team.name = "Nursery and reception"
    team.save()
    assert "Nursery and reception" in _html(teacher, wall)

    Theme.objects.create(school=school, title="Partnerships with parents")
    assert "Partnerships with parents" in _html(teacher, wall)

    area = NeedType.objects.filter(in_use=True).first()
    area.name = "Renamed area of need"
    area.save()
    assert "Renamed area of need" in _html(teacher, wall)


def test_hidden_posts_are_never_shown_from_someone_elses_cache(
    client, people, school, wall, make_user, make_post
):
    author = make_user("assistant", school=school, role=Role.STAFF)
    make_post(title="Visible to all")
    hidden = make_post(title="Hidden by the SENCO", created_by=author, hidden=True)

    client.force_login(people["senco"])
    assert "Hidden by the SENCO" in _html(client, wall)
    client.force_login(people["staff"])
    assert "Hidden by the SENCO" not in _html(client, wall)
    client.force_login(author)
    assert "Hidden by the SENCO" in _html(client, wall)
    client.force_login(people["staff"])
    html = _html(client, wall)
    assert "Hidden by the SENCO" not in html and "Visible to all" in html

    hidden.hidden = False
    hidden.save(update_fields=["hidden", "updated_at"])
    assert "Hidden by the SENCO" in _html(client, wall)


def test_a_changed_role_changes_the_wall_at_once(client, people, school, wall, make_post):
    make_post(title="Hidden one", created_by=people["senco"], hidden=True)
    client.force_login(people["staff"])
    assert "Hidden one" not in _html(client, wall)
    Membership.objects.filter(user=people["staff"], school=school).update(role=Role.SENCO)
    assert "Hidden one" in _html(client, wall)


def test_people_who_cannot_read_the_whole_wall_each_have_their_own(people, school, make_post):
    from wagtail_send.access import grant

    post = make_post()
    governor, superuser = people["governor"], people["superuser"]
    grant(post, governor, "view", by=people["senco"])
    hidden_by = frozenset
    assert audience(governor, school, hidden_by) == f"person:{governor.pk}"
    assert audience(people["guest"], school, hidden_by) == f"person:{people['guest'].pk}"
    assert audience(superuser, school, hidden_by) == "superuser"
    assert audience(people["staff"], school, hidden_by) == "roles:staff"
    wrote_hidden = lambda: frozenset([people["staff"].pk])  # noqa: E731
    assert audience(people["staff"], school, wrote_hidden) == f"person:{people['staff'].pk}"
    assert audience(people["senco"], school, lambda: {people["senco"].pk}) == "roles:senco"


def test_a_grant_and_its_revoking_reach_the_wall_of_the_person_given_it(
    client, people, school, other_school, wall, make_user, make_post
):
    """Someone who works at two schools, on the wall of the one where they only govern."""
    from wagtail_send.access import grant, revoke
    from wagtail_send.schools.current import SESSION_KEY

    shared = make_post(school=other_school, created_by=people["other_senco"], title="Shared plan")
    make_post(school=other_school, created_by=people["other_senco"], title="Private plan")
    person = make_user("both", school=school, role=Role.STAFF)
    Membership.objects.create(user=person, school=other_school, role=Role.GOVERNOR)
    school.site = None  # so the school chosen in the session is the one shown
    school.save()
    client.force_login(person)
    session = client.session
    session[SESSION_KEY] = other_school.pk
    session.save()

    html = _html(client, wall)
    assert "Shared plan" not in html and "Private plan" not in html
    grant(shared, person, "view", by=people["other_senco"])
    html = _html(client, wall)
    assert "Shared plan" in html and "Private plan" not in html
    revoke(shared, person, "view", by=people["other_senco"])
    assert "Shared plan" not in _html(client, wall)


@pytest.fixture
def photo():
    from tests.learning_wall.conftest import photo_upload

    return photo_upload()


@pytest.fixture
def staff_read_only_open_posts(monkeypatch):
    """Narrow staff to posts whose title starts "Open" (``role_scopes``, as a model may)."""
    from django.db.models import Q

    monkeypatch.setattr(Post, "role_scopes", {Role.STAFF: Q(title__startswith="Open")})


def test_role_scopes_change_who_shares_a_cached_wall(
    client, people, school, wall, make_user, make_post, staff_read_only_open_posts
):
    from wagtail_send.access import audience, grant

    senco, teacher = people["senco"], people["staff"]
    make_post(created_by=senco, title="Open: visual timetables")
    leaders = make_post(created_by=senco, title="Leaders: the SEND budget")
    author = make_user("author", school=school, role=Role.STAFF)
    make_post(created_by=author, title="Draft: my own reflections")
    grantee = make_user("grantee", school=school, role=Role.STAFF)
    grant(leaders, grantee, "view", by=senco)

    assert audience(teacher, school.pk, [Post]) == "roles:staff"
    assert audience(author, school.pk, [Post]) is None  # wrote a post staff cannot reach
    assert audience(grantee, school.pk, [Post]) is None  # granted one
    client.force_login(teacher)
    html = _html(client, wall)  # the staff role's copy, now cached
    assert "Open: visual timetables" in html and "Leaders" not in html and "Draft" not in html
    client.force_login(author)
    html = _html(client, wall)
    assert "Draft: my own reflections" in html and "Leaders" not in html
    client.force_login(grantee)
    html = _html(client, wall)
    assert "Leaders: the SEND budget" in html and "Draft" not in html
    client.force_login(people["slt"])
    html = _html(client, wall)
    assert "Leaders: the SEND budget" in html and "Draft: my own reflections" in html
    client.force_login(teacher)
    html = _html(client, wall)
    assert "Leaders" not in html and "Draft" not in html


def test_without_a_scope_authorship_and_grants_add_nothing_so_staff_share(
    people, school, make_user, make_post
):
    from wagtail_send.access import audience

    author = make_user("author", school=school, role=Role.STAFF)
    make_post(created_by=author)
    assert audience(author, school.pk, [Post]) == audience(people["staff"], school.pk, [Post])
    assert audience(people["guest"], school.pk, [Post]) is None
