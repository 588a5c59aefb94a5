"""The SEN Information Report is served from the cache to parents, and renewed on publish."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail_send import caching

pytestmark = pytest.mark.django_db


def fetch(client, url, **kwargs):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **kwargs)
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


WELSH = [("en-gb", "English"), ("cy", "Welsh")]


def test_each_language_has_its_own_copy(client, report, settings):
    settings.LANGUAGES = WELSH
    welsh = client.get(report.url, headers={"accept-language": "cy"})
    english = client.get(report.url, headers={"accept-language": "en-GB"})
    welsh_again = client.get(report.url, headers={"accept-language": "cy"})
    assert '<html lang="cy">' in welsh.content.decode()
    assert '<html lang="en-gb">' in english.content.decode()
    assert welsh_again.content == welsh.content
    assert "Accept-Language" in english["Vary"]


def test_plain_http_is_redirected_to_https_never_served_from_the_cache(client, report, settings):
    settings.SECURE_SSL_REDIRECT = True  # as in the production settings
    assert client.get(report.url, secure=True).status_code == 200  # now cached
    plain = client.get(report.url)
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    _, queries = fetch(client, report.url, secure=True)
    assert queries == 0


def test_query_strings_a_page_does_not_read_neither_miss_nor_fill_the_cache(client, report):
    from django.core.cache import caches

    from wagtail_send.conf import send_settings

    client.get(report.url)
    stored = caches[send_settings.PAGE_CACHE]
    entries = len(stored._cache)
    for n in range(20):
        response, queries = fetch(client, f"{report.url}?utm_source=flood{n}")
        assert response.status_code == 200 and queries == 0
    assert len(stored._cache) == entries


def test_a_page_made_private_is_private_at_once(client, report):
    from wagtail.models import PageViewRestriction

    fetch(client, report.url)
    PageViewRestriction.objects.create(page=report, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(report.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_renamed_directory_service_is_on_the_report_at_once(client, report, iass):
    assert "Northshire SENDIASS" in client.get(report.url).content.decode()
    iass.name = "Northshire SEND Information, Advice and Support"
    iass.save()
    html = client.get(report.url).content.decode()
    assert "Northshire SEND Information, Advice and Support" in html


def test_a_rolled_back_write_leaves_nothing_stale(client, report, iass, each_cache):
    from django.db import transaction

    client.get(report.url)
    with pytest.raises(RuntimeError), transaction.atomic():
        iass.name = "A name never committed"
        iass.save()
        assert "A name never committed" in client.get(report.url).content.decode()
        raise RuntimeError
    html = client.get(report.url).content.decode()
    assert "A name never committed" not in html and "Northshire SENDIASS" in html


def test_cache_control_says_who_may_keep_a_copy(client, report, people, settings):
    public = client.get(report.url)
    assert "public" in public["Cache-Control"] and "s-maxage=0" in public["Cache-Control"]
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:1",
        }
    }
    from wagtail_send.caching import PAGES, renew

    renew([PAGES])
    purged = client.get(report.url)
    assert f"s-maxage={caching.timeout()}" in purged["Cache-Control"]
    client.force_login(people["staff"])
    assert "private" in client.get(report.url)["Cache-Control"]
