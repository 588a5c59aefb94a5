"""Governors review a submitted version on one page and decide there; the history keeps it."""

import csv
import datetime
import io
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import TaskState, WorkflowState, WorkflowTask

from wagtail_send.policies.approval import ApprovingBody, ReviewOnlyApprovalTask
from wagtail_send.policies.models import SENDPolicyPage, years_after

from .conftest import make_policy, publish_through_workflow

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def days_on(time_machine, days):
    """Move the clock ``days`` on from now (never back: revisions are ordered by time)."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    time_machine.move_to(datetime.datetime.combine(day, datetime.time(18), LONDON), tick=False)
    return day


def long_date(day):
    return date_format(day, "j F Y")


def submit(page, author, **changes):
    """Save a changed draft of ``page`` as ``author`` and submit it; its task state."""
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision(user=author)
    return page.get_workflow().start(page, user=author).current_task_state


def review_url(state):
    return reverse("wagtail_send_policies:review", args=[state.pk])


@pytest.fixture
def sen_policy(index, people):
    policy = make_policy(index, "SEN policy", datetime.date(2026, 1, 1), owner=people["senco"])
    policy.body = "<h2>Aims</h2><p>Identify needs early.</p><h2>Roles</h2><p>The SENCO leads.</p>"
    policy.review_cycle_years = 2
    policy.save_revision(user=people["senco"]).publish(
        user=people["senco"], skip_permission_checks=True
    )
    return policy


@pytest.fixture
def submitted(sen_policy, people):
    return submit(
        sen_policy,
        people["senco"],
        body=sen_policy.body.replace("The SENCO leads.", "The SENCO, Ms Shah, leads."),
        change_note="The SENCO named",
    )


def test_governor_who_cannot_edit_sees_the_changes_first_and_the_rest_folded(
    client, submitted, sen_policy, people
):
    client.force_login(people["governor"])
    assert not sen_policy.permissions_for_user(people["governor"]).can_edit()
    response = client.get(review_url(submitted))
    assert response.status_code == 200
    assert [str(diff.field_label()) for diff in response.context["changed"]] == [
        "Policy",
        "What changed",
    ]
    html = response.content.decode()
    assert '<span class="addition">, Ms Shah,</span>' in html.replace("&nbsp;", " ") or (
        "Ms Shah" in html and 'class="addition"' in html
    )
    assert "The SENCO named" in html  # the change note
    folded = html.split("<details")[1]
    assert "Summary" in folded and "Policy</h3>" not in folded  # unchanged, folded away
    for button in ("Approve", "Approve with comment", "Request changes"):
        assert f">{button}</button>" in html


def test_approving_with_a_comment_and_minute_publishes_and_confirms(
    client, submitted, sen_policy, people, time_machine
):
    day = days_on(time_machine, 20)
    client.force_login(people["governor"])
    response = client.post(
        review_url(submitted),
        {
            "decision": "approve-with-comment",
            "comment": "Agreed at the autumn FGB.",
            "minute_reference": "FGB minute 7",
        },
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "You approved “SEN policy”. It is now published, and Senco has been told."
    ]
    assert f"Approved by Governor on {long_date(day)}, 18:00." in response.content.decode()
    sen_policy.refresh_from_db()
    assert sen_policy.live_revision_id == submitted.revision_id
    assert "Ms Shah" in sen_policy.body
    # Dates follow the decision: published the day it was approved, reviewed a cycle on.
    assert sen_policy.publication_date == sen_policy.last_reviewed == day
    assert sen_policy.next_review == years_after(day, 2)

    public = client.get(sen_policy.url).content.decode()
    assert f"{long_date(day)}, by Governor, governor (FGB minute 7)" in public
    assert "The full governing body" not in public  # one governor approved, not the board


def test_approve_with_comment_and_request_changes_need_a_comment(client, submitted, people):
    client.force_login(people["governor"])
    for decision, error in (
        ("approve-with-comment", "Write your comment, or choose Approve."),
        ("reject", "Write what needs to change."),
    ):
        response = client.post(review_url(submitted), {"decision": decision, "comment": " "})
        assert response.context["form"].errors["comment"] == [error]
    submitted.refresh_from_db()
    assert submitted.status == TaskState.STATUS_IN_PROGRESS


def test_a_request_for_changes_is_in_the_history_and_its_csv(
    client, submitted, sen_policy, people
):
    client.force_login(people["governor"])
    response = client.post(
        review_url(submitted),
        {"decision": "reject", "comment": "Say who deputises for the SENCO."},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "You asked for changes to “SEN policy”. Senco has been told, with your comment."
    ]
    sen_policy.refresh_from_db()
    assert "Ms Shah" not in sen_policy.body  # nothing published
    assert WorkflowState.objects.get(pk=submitted.workflow_state_id).status == "needs_changes"

    client.force_login(people["senco"])
    history = client.get(reverse("wagtail_send_policies:history", args=[sen_policy.pk]))
    html = history.content.decode()
    assert "Changes requested" in html and "Say who deputises for the SENCO." in html
    assert "rejected" not in html.lower()
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("wagtail_send_policies:history_csv", args=[sen_policy.pk])
                ).content.decode()
            )
        )
    )
    assert rows[-1][:6] == [
        "not published",
        rows[-1][1],
        "Changes requested",
        "Governor",
        "Governor, governor",
        "Say who deputises for the SENCO.",
    ]


def test_only_the_approvers_decide_and_others_of_the_school_only_read(client, submitted, people):
    client.force_login(people["senco"])
    response = client.get(review_url(submitted))
    assert response.status_code == 200 and response.context["can_decide"] is False
    assert client.post(review_url(submitted), {"decision": "approve"}).status_code == 403
    for who in ("staff", "other_senco"):
        client.force_login(people[who])
        assert client.get(review_url(submitted)).status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == TaskState.STATUS_IN_PROGRESS


def test_the_report_review_warns_of_gaps(client, report, people):
    state = submit(report, people["senco"], item_9="<p>Ask us.</p>", change_note="Shorter")
    client.force_login(people["governor"])
    html = client.get(review_url(state)).content.decode()
    assert "9. Complaints about SEN provision (too thin)" in html


def test_a_senco_set_next_review_is_kept(client, sen_policy, people):
    chosen = timezone.localdate() + datetime.timedelta(days=200)
    state = submit(sen_policy, people["senco"], next_review=chosen)
    client.force_login(people["governor"])
    client.post(review_url(state), {"decision": "approve"})
    sen_policy.refresh_from_db()
    assert sen_policy.next_review == chosen


def test_committee_then_full_board_each_decide_and_are_named(
    client, index, sen_policy, people, time_machine
):
    """The school sets its steps in the admin: a committee, then the full board."""
    committee = sen_policy.get_workflow().tasks.get().specific
    client.force_login(people["superuser"])
    response = client.post(
        reverse("wagtailadmin_workflows:edit_task", args=[committee.pk]),
        {
            "name": "Curriculum committee",
            "groups": [group.pk for group in committee.groups.all()],
            "body": ApprovingBody.COMMITTEE,
            "body_name": "Curriculum and standards committee",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    board = ReviewOnlyApprovalTask.objects.create(name="Full board", body=ApprovingBody.BOARD)
    board.groups.set(committee.groups.all())
    WorkflowTask.objects.create(workflow=sen_policy.get_workflow(), task=board, sort_order=1)

    days_on(time_machine, 2)
    state = submit(sen_policy, people["senco"], summary="Reviewed.", change_note="Annual review")
    client.force_login(people["governor"])
    response = client.post(review_url(state), {"decision": "approve"}, follow=True)
    assert [str(m) for m in response.context["messages"]][-1] == (
        "You approved “SEN policy”. It now goes to the next step: Full board."
    )
    sen_policy.refresh_from_db()
    assert sen_policy.summary != "Reviewed."  # not yet: the board decides next

    day = days_on(time_machine, 5)
    # A sign-in lasts a school day (WAGTAILSEND_SESSION_AGE).
    client.force_login(people["governor"])
    board_state = TaskState.objects.get(task=board)
    response = client.post(
        review_url(board_state), {"decision": "approve", "minute_reference": "FGB minute 4"}
    )
    sen_policy = SENDPolicyPage.objects.get(pk=sen_policy.pk)
    assert sen_policy.summary == "Reviewed."
    assert sen_policy.publication_date == day  # the final approval's
    public = client.get(sen_policy.url).content.decode()
    assert f"{long_date(day)}, by The full governing body (FGB minute 4)" in public

    history = client.get(reverse("wagtail_send_policies:history", args=[sen_policy.pk]))
    latest = history.context["versions"][0]
    assert [(d.body, d.minute_reference) for d in latest.decisions] == [
        ("Curriculum and standards committee", ""),
        ("The full governing body", "FGB minute 4"),
    ]


def test_each_versions_pdf_carries_its_approval_record(client, report, people):
    from wagtail_send import pdf

    if not pdf.available():
        pytest.skip("WeasyPrint is not installed")
    from pypdf import PdfReader

    publish_through_workflow(
        report,
        author=people["senco"],
        approver=people["governor"],
        comment="Agreed.",
        change_note="Second",
    )
    client.force_login(people["governor"])
    version = client.get(reverse("wagtail_send_policies:history", args=[report.pk])).context[
        "versions"
    ][0]
    response = client.get(
        reverse("wagtail_send_policies:version_pdf", args=[report.pk, version.revision.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Approval record" in text and "Approved by Governor" in text and "Agreed." in text


def test_the_governors_dashboard_links_to_the_review_page(client, submitted, sen_policy, people):
    client.force_login(people["governor"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Policies waiting for your decision" in html
    assert f'href="{review_url(submitted)}"' in html
    # Not Wagtail's own links, which answer "no permission" to someone who cannot edit.
    assert (
        reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[sen_policy.pk, "live", submitted.revision_id],
        )
        not in html
    )
    assert (
        reverse("wagtailadmin_pages:workflow_preview", args=[sen_policy.pk, submitted.task_id])
        not in html
    )
