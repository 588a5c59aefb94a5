"""The directory page: what staff and the public see, filters, and constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail_send import caching
from wagtail_send.audit import acting_as
from wagtail_send.directory.models import Contact, Service
from wagtail_send.directory.taxonomy import ServiceType


def test_public_sees_public_entries_and_fields_only(client, directory, directory_page):
    html = client.get(directory_page.url).content.decode()
    assert "Speech and Language Therapy" in html and "Northshire SENDIASS" in html
    assert "Educational Psychology" not in html and "Elm Park" not in html
    assert "Jo Private" not in html
    assert 'href="tel:01632960101"' in html and 'href="mailto:salt@nhs.example"' in html
    detail = client.get(f"{directory_page.url}{directory['salt'].pk}/").content.decode()
    assert "Step-free entrance" in detail and "NT1 1AA" in detail
    assert "Ask for Jo" not in detail and "For school staff only" not in detail
    assert client.get(f"{directory_page.url}{directory['ep'].pk}/").status_code == 404


def test_staff_see_everything_their_school_holds(client, people, directory, directory_page):
    client.force_login(people["staff"])
    html = client.get(directory_page.url).content.decode()
    assert "Educational Psychology" in html and "Jo Private" in html
    assert "Elm Park" not in html
    assert "Needs checking" in html  # SENDIASS was last checked 400 days ago
    detail = client.get(f"{directory_page.url}{directory['salt'].pk}/").content.decode()
    assert "Ask for Jo" in detail and "For school staff only" in detail
    assert "Edit or mark as checked" not in detail  # staff read; maintainers edit


def test_staff_of_another_school_see_only_public_fields(client, people, directory, directory_page):
    client.force_login(people["other_staff"])
    detail = client.get(f"{directory_page.url}{directory['salt'].pk}/").content.decode()
    assert "Speech and Language Therapy" in detail and "Ask for Jo" not in detail


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "speech"}, {"Speech and Language Therapy"}),
        ({"area": "cognition"}, {"Educational Psychology"}),
        ({"type": "iass"}, {"Northshire SENDIASS"}),
        ({"age": "1"}, {"Northshire SENDIASS", "Educational Psychology"}),
        ({"status": "inactive"}, set()),
    ],
)
def test_filters(client, people, directory, directory_page, params, expected):
    client.force_login(people["senco"])
    response = client.get(directory_page.url, params)
    shown = {s.name for s in response.context["services"]}
    assert shown == expected


def test_bad_filter_value_is_reported(client, directory, directory_page):
    response = client.get(directory_page.url, {"age": "lots"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def _fill(school, senco, count):
    with acting_as(senco):
        services = Service.objects.bulk_create(
            [
                Service(
                    school=school,
                    name=f"Service {n:04d}",
                    is_public=n % 2 == 0,
                    service_type=ServiceType.OTHER,
                )
                for n in range(count)
            ]
        )
        Contact.objects.bulk_create(
            [
                Contact(
                    school=school,
                    service=s,
                    name=f"Contact {s.pk}",
                    phone="01632 960000",
                    is_public=True,
                )
                for s in services
            ]
        )


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["staff", None])
def test_constant_queries_for_10_and_1000_services(
    client, people, school, directory_page, who, django_capture_on_commit_callbacks
):
    if who:
        client.force_login(people[who])
    rendered, cached = [], []
    for size in (10, 1000):
        Service.objects.filter(school=school).delete()
        _fill(school, people["senco"], size)
        client.get(directory_page.url)  # warm caches (site, school lookups)
        with django_capture_on_commit_callbacks(execute=True):
            caching.renew(["directory", caching.PAGES])
        rendered.append(_queries(client, directory_page.url))
        cached.append(_queries(client, directory_page.url))
    assert rendered[0] == rendered[1], rendered
    assert cached[0] == cached[1], cached
    assert cached[0] < rendered[0]  # a cached listing reads no services
