"""The governors' read-only policy history: timeline, versions, comparison, export."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .conftest import make_policy, publish_through_workflow

pytestmark = pytest.mark.django_db


def history_url(page):
    return reverse("wagtail_send_policies:history", args=[page.pk])


def test_governor_reads_every_published_version(client, audited_report, people):
    client.force_login(people["governor"])
    response = client.get(history_url(audited_report))
    assert response.status_code == 200
    versions = response.context["versions"]
    assert [v.number for v in versions] == [3, 2, 1]  # newest first
    assert [v.change_note for v in versions] == [
        "Speech and language base added",
        "Complaints route made clearer",
        "",
    ]
    assert versions[0].is_live and not versions[1].is_live
    assert all(v.author == people["senco"] for v in versions)
    assert versions[1].approval.state.finished_by == people["governor"]
    assert versions[1].approval.comment == "Agreed at the autumn FGB."
    assert versions[2].approval is None  # the first was published directly
    html = response.content.decode()
    assert "Agreed at the autumn FGB." in html
    assert "Published without the approval step" in html
    assert reverse("wagtail_send_policies:edit", args=[audited_report.pk]) not in html

    client.force_login(people["senco"])
    html = client.get(history_url(audited_report)).content.decode()
    assert reverse("wagtail_send_policies:edit", args=[audited_report.pk]) in html


def test_past_version_is_shown_as_published(client, audited_report, people):
    client.force_login(people["governor"])
    first = client.get(history_url(audited_report)).context["versions"][-1]
    response = client.get(
        reverse("wagtail_send_policies:version", args=[audited_report.pk, first.revision.pk])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This is a past version" in html
    assert "speech and language base" not in html  # added later
    assert "Pupils are supported by trained staff" in html


def test_unpublished_draft_is_not_shown_in_history(client, audited_report, people):
    draft = audited_report.save_revision(user=people["senco"])
    client.force_login(people["governor"])
    response = client.get(
        reverse("wagtail_send_policies:version", args=[audited_report.pk, draft.pk])
    )
    assert response.status_code == 404


def test_compare_highlights_changes(client, audited_report, people):
    client.force_login(people["governor"])
    versions = client.get(history_url(audited_report)).context["versions"]
    response = client.get(
        reverse("wagtail_send_policies:compare", args=[audited_report.pk]),
        {"from": versions[2].revision.pk, "to": versions[0].revision.pk},
    )
    assert response.status_code == 200
    labels = [str(change.field_label()) for change in response.context["changes"]]
    assert "1. The kinds of special educational needs we provide for" in labels
    assert "9. Complaints about SEN provision" in labels
    assert "3a. How we evaluate the effectiveness of our provision" not in labels
    html = response.content.decode()
    assert '<span class="addition">' in html and '<span class="deletion">' in html


def test_history_exports_as_csv(client, audited_report, people):
    client.force_login(people["governor"])
    response = client.get(reverse("wagtail_send_policies:history_csv", args=[audited_report.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Version",
        "When",
        "What happened",
        "By",
        "Approving body",
        "Comment",
        "Minute reference",
        "What changed",
        "Written by",
    ]
    assert [(row[0], row[2]) for row in rows[1:]] == [
        ("1", "Published"),
        ("2", "Approved"),
        ("2", "Published"),
        ("3", "Approved"),
        ("3", "Published"),
    ]
    approval = rows[2]
    assert approval[3:6] == ["Governor", "Governor, governor", "Agreed at the autumn FGB."]
    assert approval[7:] == ["Complaints route made clearer", "Senco"]


def test_formula_in_change_note_is_defused_in_csv(client, report, people):
    from tests.formulas import DEFUSED, assert_csv_defused

    for note, comment in (("=HYPERLINK(1)", "+1-1"), ("-1+1", "@SUM(1)"), ("\t=1+1", "-ish")):
        publish_through_workflow(
            report,
            author=people["senco"],
            approver=people["governor"],
            change_note=note,
            comment=comment,
        )
    client.force_login(people["governor"])
    response = client.get(reverse("wagtail_send_policies:history_csv", args=[report.pk]))
    typed = {"=HYPERLINK(1)": "'=HYPERLINK(1)"} | {
        text: DEFUSED[text] for text in ("+1-1", "-1+1", "@SUM(1)", "\t=1+1", "-ish")
    }
    assert_csv_defused(response.content, typed)


@pytest.mark.parametrize("who", ["staff", "other_senco", "guest"])
def test_history_is_for_the_schools_leaders_and_governors(client, report, people, who):
    client.force_login(people[who])
    assert client.get(history_url(report)).status_code == 403
    assert (
        client.get(reverse("wagtail_send_policies:history_csv", args=[report.pk])).status_code
        == 403
    )


def test_history_needs_sign_in(client, report):
    response = client.get(history_url(report))
    assert response.status_code == 302
    assert response.url.startswith("/_util/login/")


def test_history_query_count_does_not_grow(client, report, people, django_assert_num_queries):
    client.force_login(people["governor"])
    client.get(history_url(report))  # warm caches (content types, site)
    with CaptureQueriesContext(connection) as small:
        client.get(history_url(report))
    for n in range(3):
        publish_through_workflow(
            report, author=people["senco"], approver=people["governor"], change_note=f"v{n}"
        )
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(history_url(report))
    assert len(response.context["versions"]) == 4


def test_history_index_lists_documents_with_constant_queries(
    client, index, people, django_assert_num_queries
):
    import datetime

    make_policy(index, "SEN policy", datetime.date(2027, 1, 1), owner=people["senco"])
    client.force_login(people["governor"])
    url = reverse("wagtail_send_policies:history_index")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for title in ("Accessibility plan", "Medical conditions", "Behaviour"):
        make_policy(index, title, datetime.date(2027, 1, 1))
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert [page.title for page in response.context["documents"]] == [
        "Accessibility plan",
        "Behaviour",
        "Medical conditions",
        "SEN policy",
    ]
