"""The wall: filters, search, pagination, and a constant number of queries at any size."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail_send.learning_wall.media import attach_image
from wagtail_send.learning_wall.models import HalfTerm, Post, Theme
from wagtail_send.learning_wall.wall import wall_posts
from wagtail_send.models import NeedType

pytestmark = pytest.mark.django_db


def test_filters_and_search(client, people, school, wall, team, make_post):
    theme = Theme.objects.create(school=school, title="Partnerships with parents")
    autism = NeedType.objects.get(code="ASD")
    a = make_post(title="Now and next board", kind="resource", team=team, key_stages=",ks1,")
    a.areas_of_need.add(autism)
    make_post(title="Parents' coffee morning", kind="photograph", theme=theme)
    make_post(
        title="How do we support dyslexia?", kind="question", body="<p>Coloured overlays</p>"
    )
    client.force_login(people["staff"])

    def titles(**query):
        response = client.get(wall.url, query)
        return sorted(p.title for p in response.context["posts"])

    assert titles(kind="question") == ["How do we support dyslexia?"]
    assert titles(area=autism.pk) == ["Now and next board"]
    assert titles(team=team.pk) == ["Now and next board"]
    assert titles(theme=theme.pk) == ["Parents' coffee morning"]
    assert titles(key_stage="ks1") == ["Now and next board"]
    assert titles(q="overlays") == ["How do we support dyslexia?"]
    assert titles(q="coffee parents") == ["Parents' coffee morning"]
    assert len(titles()) == 3


def test_the_half_term_filter(client, people, school, wall, make_post, time_machine):
    # "Now" is in the autumn, after the summer half-term filtered on.
    time_machine.move_to(timezone.make_aware(datetime.datetime(2026, 11, 22, 10)), tick=False)
    term = HalfTerm.objects.create(
        school=school,
        name="Summer 2",
        starts_on=datetime.date(2026, 6, 1),
        ends_on=datetime.date(2026, 7, 22),
    )
    in_term = timezone.make_aware(datetime.datetime(2026, 7, 1, 10))
    make_post(title="In summer", created_at=in_term)
    make_post(title="Now")
    client.force_login(people["staff"])
    response = client.get(wall.url, {"half_term": term.pk})
    assert [p.title for p in response.context["posts"]] == ["In summer"]


def test_filters_offer_only_the_schools_own_teams(client, people, wall, other_school, team):
    from wagtail_send.learning_wall.models import Team

    theirs = Team.objects.create(school=other_school, name="Their secret team")
    client.force_login(people["staff"])
    html = client.get(wall.url).content.decode()
    assert team.name in html and theirs.name not in html
    response = client.get(wall.url, {"team": theirs.pk})
    assert response.context["filter_form"].errors["team"]


def test_pagination(client, people, school, wall):
    Post.objects.bulk_create(
        [Post(school=school, kind="resource", title=f"Post {n}") for n in range(30)]
    )
    client.force_login(people["staff"])
    first = client.get(wall.url)
    assert len(first.context["posts"]) == 12
    assert "Page 1 of 3" in first.content.decode()
    last = client.get(wall.url, {"page": 3, "kind": "resource"})
    assert len(last.context["posts"]) == 6
    assert "kind=resource&amp;page=2" in last.content.decode()


def _make_posts(school, author, count, with_photo):
    now = timezone.now()
    posts = Post.objects.bulk_create(
        [
            Post(
                school=school,
                created_by=author,
                kind="resource",
                title=f"Post {n}",
                created_at=now - datetime.timedelta(minutes=n),
            )
            for n in range(count)
        ]
    )
    area = NeedType.objects.get(code="SLCN")
    Post.areas_of_need.through.objects.bulk_create(
        [Post.areas_of_need.through(post_id=p.pk, needtype_id=area.pk) for p in posts]
    )
    attach_image(posts[0], with_photo, alt_text="Tray")
    return posts


@pytest.fixture
def photo():
    from tests.learning_wall.conftest import photo_upload

    return photo_upload()


def _wall_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_the_wall_takes_the_same_number_of_queries_for_10_and_1000_posts(
    client, people, school, wall, photo
):
    client.force_login(people["staff"])
    client.get(wall.url)  # warm the session and the site caches
    _make_posts(school, people["senco"], 10, photo)
    small, response = _wall_queries(client, wall.url)
    assert len(response.context["posts"]) == 10
    _make_posts(school, people["senco"], 990, photo)
    large, response = _wall_queries(client, wall.url)
    assert "1000 posts" in response.content.decode()
    assert large == small
    assert small <= 25


def test_the_wall_is_the_same_query_whoever_reads_it(people, school, make_post):
    make_post()
    for who in ("staff", "senco", "slt"):
        assert wall_posts(people[who], school).count() == 1
    assert wall_posts(people["other_senco"], school).count() == 0
    assert wall_posts(people["governor"], school).count() == 0


def test_staff_meeting_view_shows_posts_since_the_last_meeting(client, people, make_post):
    old = timezone.now() - datetime.timedelta(days=10)
    make_post(title="Old news", created_at=old)
    make_post(title="Fresh idea")
    hidden = make_post(title="Hidden one", hidden=True, created_by=people["senco"])
    client.force_login(people["staff"])
    url = reverse("wagtail_send_learning_wall:meeting")
    html = client.get(url).content.decode()
    assert "Fresh idea" in html and "Old news" not in html and hidden.title not in html
    assert "lw-slide" in html and "data-lw-print" in html
    since = (timezone.localdate() - datetime.timedelta(days=14)).isoformat()
    html = client.get(url, {"since": since}).content.decode()
    assert html.index("Old news") < html.index("Fresh idea")  # oldest first, like a talk
    assert "Please enter" not in client.get(url, {"since": "not a date"}).content.decode()
