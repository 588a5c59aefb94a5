"""The report's live summaries are read once, yet never older than the last change.

Signed-in staff are never served from the public-page cache, so what they see is the
report as rendered now, with the summaries from their cache.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import format_html

from wagtail_send import providers
from wagtail_send.learning_wall.models import Post
from wagtail_send.policies.items import ITEMS
from wagtail_send.policies.live import live_sections

pytestmark = pytest.mark.django_db

ITEM_5 = [item for item in ITEMS if item.code == "5"]


@pytest.fixture
def staff_client(client, people):
    client.force_login(people["staff"])
    return client


def view(client, report):
    response = client.get(report.url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_post_is_counted_on_the_next_view(staff_client, report, school):
    Post.objects.create(school=school, kind="resource", title="Visual timetables")
    assert "shared 1 piece of practice" in view(staff_client, report)

    Post.objects.create(school=school, kind="question", title="Ear defenders?")
    assert "shared 2 pieces of practice" in view(staff_client, report)


def test_posts_written_and_archived_in_bulk_are_seen_at_once(staff_client, report, school):
    assert "piece of practice" not in view(staff_client, report)
    Post.objects.bulk_create(
        [Post(school=school, kind="resource", title=f"Now and next board {n}") for n in range(3)]
    )
    assert "shared 3 pieces of practice" in view(staff_client, report)

    Post.objects.filter(school=school).delete()  # archives them, in one bulk update
    assert "piece of practice" not in view(staff_client, report)


def test_summaries_are_not_worked_out_again_until_something_changes(staff_client, report, school):
    Post.objects.create(school=school, kind="resource", title="Visual timetables")
    view(staff_client, report)
    with CaptureQueriesContext(connection) as queries:
        html = view(staff_client, report)
    assert "shared 1 piece of practice" in html
    assert not [q for q in queries if "wagtail_send_learning_wall_post" in q["sql"]]


def test_each_school_has_its_own_summaries(school, other_school):
    Post.objects.create(school=school, kind="resource", title="Visual timetables")
    assert [label for label, _html in live_sections(ITEM_5, school)["5"]] == ["Learning wall"]
    assert live_sections(ITEM_5, other_school) == {"5": []}


def test_a_summary_that_failed_is_asked_again(staff_client, report, monkeypatch):
    monkeypatch.setattr(providers, "_report_sections", {})
    broken = True

    def staff_confidence(school):
        if broken:
            raise RuntimeError("the audit app is having a bad day")
        return format_html("<p>{}</p>", "82% feel confident")

    providers.register_report_section("5", "Staff confidence", staff_confidence)
    assert "82% feel confident" not in view(staff_client, report)
    broken = False
    assert "82% feel confident" in view(staff_client, report)
