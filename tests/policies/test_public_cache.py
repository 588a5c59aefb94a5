"""The SEN Information Report is served from the cache to parents, and renewed on publish."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def fetch(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_a_repeat_visit_costs_no_database_query(client, report):
    first, first_queries = fetch(client, report.url)
    again, again_queries = fetch(client, report.url)
    assert first.status_code == again.status_code == 200
    assert first_queries > 0 and again_queries == 0
    assert again.content == first.content
    assert "object-src 'none'" in again["Content-Security-Policy"]


def test_publishing_a_new_version_is_seen_at_once(client, report, people):
    fetch(client, report.url)
    report.item_1 = "<p>We now also provide for pupils with hearing impairment.</p>"
    report.save_revision(user=people["senco"]).publish(
        user=people["senco"], skip_permission_checks=True
    )
    response, queries = fetch(client, report.url)
    assert queries > 0
    assert "hearing impairment" in response.content.decode()


def test_a_changed_senco_contact_is_seen_at_once(client, report, school):
    fetch(client, report.url)
    school.senco_name, school.senco_phone = "Ms Amira Shah", "01632 960 999"
    school.save()
    assert "01632 960 999" in client.get(report.url).content.decode()


def test_signed_in_staff_are_never_served_from_the_cache(client, report, people):
    fetch(client, report.url)
    client.force_login(people["staff"])
    _, queries = fetch(client, report.url)
    assert queries > 0
