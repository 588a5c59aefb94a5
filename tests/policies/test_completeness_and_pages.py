"""The completeness check, live sections and the public pages."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from wagtail_send import providers
from wagtail_send.policies.completeness import MISSING, THIN, gaps
from wagtail_send.policies.items import ITEMS
from wagtail_send.policies.models import SENInformationReportPage

from .conftest import full_items, make_policy

pytestmark = pytest.mark.django_db


def test_full_report_has_no_gaps(report):
    assert gaps(report) == []


def test_partial_report_lists_missing_and_thin_items(school):
    report = SENInformationReportPage(
        school=school, **full_items(item_2="", item_3g="<p>Yes.</p>", item_d="<p> </p>")
    )
    found = [(gap.item.code, gap.problem) for gap in gaps(report)]
    assert found == [("2", MISSING), ("3g", THIN), ("D", MISSING)]


def test_school_details_fill_the_senco_and_local_offer_items(school):
    report = SENInformationReportPage(school=school, **full_items(item_4="", item_13=""))
    assert {gap.item.code for gap in gaps(report)} == {"4", "13"}
    school.senco_name = "Ms Shah"
    school.senco_email = "senco@oakfield.example"
    school.local_offer_url = "https://localoffer.example/"
    assert gaps(report) == []


def test_items_table_covers_the_law():
    codes = [item.code for item in ITEMS]
    assert codes == [
        "1", "2", "3a", "3b", "3c", "3d", "3e", "3f", "3g",
        "4", "5", "6", "7", "8", "9", "10", "11", "12", "13",
        "A", "B", "C", "D",
    ]  # fmt: skip
    assert all(item.help_text for item in ITEMS)


def test_public_report_shows_dates_toc_and_live_sections(client, report, school):
    school.senco_name = "Ms Amira Shah"
    school.senco_email = "senco@oakfield.example"
    school.local_offer_url = "https://localoffer.example/"
    school.local_authority = "Northdale Council"
    school.save()
    response = client.get(report.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 September 2026" in html and "1 September 2027" in html  # published, next review
    assert "The full governing body" in html
    assert html.count('href="#item-') == len(ITEMS)  # the table of contents
    assert 'href="mailto:senco@oakfield.example"' in html
    assert 'href="https://localoffer.example/"' in html and "Read Northdale Council" in html


def test_report_works_with_no_providers_and_shows_registered_ones(client, report, monkeypatch):
    monkeypatch.setattr(providers, "_report_sections", {})
    assert client.get(report.url).status_code == 200

    providers.register_report_section(
        "5", "Staff confidence", lambda school: format_html("<p>{}</p>", "82% feel confident")
    )
    providers.register_report_section("10", "Broken", lambda school: 1 / 0)
    cache.clear()  # providers register at start-up; the cached page predates these
    response = client.get(report.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Staff confidence" in html and "82% feel confident" in html
    assert "Broken" not in html


def test_index_lists_status_with_constant_queries(client, index, people):
    today = timezone.localdate()
    make_policy(index, "Current policy", today + datetime.timedelta(days=200))
    client.get(index.url)
    cache.clear()  # measure the page being built, not served from the public-page cache
    with CaptureQueriesContext(connection) as small:
        client.get(index.url)
    make_policy(index, "Due policy", today + datetime.timedelta(days=10))
    make_policy(index, "Overdue policy", today - datetime.timedelta(days=1))
    make_policy(index, "Draft policy", today, live=False)
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        response = client.get(index.url)
    assert len(large.captured_queries) == len(small.captured_queries)
    statuses = {page.title: page.review_status.label for page in response.context["documents"]}
    assert statuses == {
        "Current policy": "Current",
        "Due policy": "Review due",
        "Overdue policy": "Overdue",
    }
    assert "Review due" in response.content.decode()


def test_admin_report_shows_each_schools_gaps(client, report, other_school, people):
    SENInformationReportPage.objects.filter(pk=report.pk).update(item_7="")
    url = reverse("wagtail_send_policies_completeness")

    client.force_login(people["superuser"])
    rows = {s.name: s for s in client.get(url).context["object_list"]}
    assert rows["Oakfield Primary"].report.pk == report.pk
    assert [gap.item.code for gap in rows["Oakfield Primary"].gaps] == ["7"]
    assert rows["Elm Park Academy"].report is None  # no report is the biggest gap

    client.force_login(people["senco"])
    response = client.get(url)
    assert [s.name for s in response.context["object_list"]] == ["Oakfield Primary"]
    assert "Missing: 7." in response.content.decode()

    client.force_login(people["staff"])
    assert client.get(url).status_code != 200


def test_a_moved_report_belongs_to_its_new_school(report, other_school, people):
    from wagtail.models import Site

    from wagtail_send.policies.models import SchoolPoliciesIndexPage

    root = Site.objects.get(is_default_site=True).root_page
    elsewhere = root.add_child(
        instance=SchoolPoliciesIndexPage(title="Elm Park", slug="elm-park", school=other_school)
    )
    report.move(elsewhere, pos="last-child")
    report.refresh_from_db()
    assert report.school == other_school
    report.save_revision(user=people["superuser"]).publish(user=people["superuser"])
    report.refresh_from_db()
    assert report.school == other_school
