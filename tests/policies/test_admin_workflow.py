"""Writing, submitting, approving and rejecting through the real Wagtail admin views."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from wagtail_send.policies.items import ITEMS
from wagtail_send.policies.models import SENDPolicyPage, SENInformationReportPage

from .conftest import WORDS

pytestmark = pytest.mark.django_db


def report_form(**overrides):
    data = {
        "title": "SEN Information Report",
        "slug": "sen-information-report",
        "intro": rich_text("<p>Welcome.</p>"),
        "publication_date": "2026-09-01",
        "approving_body": "The full governing body",
        "change_note": "First version",
        "comments": inline_formset([]),
    }
    for item in ITEMS:
        data[item.field_name] = rich_text(f"<p>{WORDS}.</p>")
    data.update(overrides)
    return nested_form_data(data)


def add_url(index, model="seninformationreportpage"):
    return reverse("wagtailadmin_pages:add", args=("wagtail_send_policies", model, index.pk))


def submit_report(client, index, **overrides):
    data = report_form(**overrides)
    data["action-submit"] = "Submit"
    return client.post(add_url(index), data, follow=True)


def workflow_action(client, page, action, comment=""):
    state = TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.pk))
    data = {"comment": comment} if comment else {}
    return client.post(url, data, headers={"x-requested-with": "XMLHttpRequest"})


def test_senco_writes_and_submits_then_governor_approves(client, index, people):
    client.force_login(people["senco"])
    response = submit_report(client, index)
    assert response.status_code == 200
    page = SENInformationReportPage.objects.get()
    assert page.school == index.school
    assert not page.live  # the SENCO cannot publish on their own
    assert page.next_review == datetime.date(2027, 9, 1)  # a year on by default
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == "in_progress"

    client.force_login(people["governor"])
    response = workflow_action(client, page, "approve", comment="Approved at the FGB meeting.")
    assert response.status_code == 200, response.content[:500]
    page.refresh_from_db()
    assert page.live
    approval = TaskState.objects.get(status=TaskState.STATUS_APPROVED)
    assert approval.finished_by == people["governor"]
    assert approval.comment == "Approved at the FGB meeting."
    assert approval.revision_id == page.live_revision_id  # kept with the version


def test_governor_requests_changes(client, index, people):
    client.force_login(people["senco"])
    submit_report(client, index)
    page = SENInformationReportPage.objects.get()

    client.force_login(people["governor"])
    response = workflow_action(client, page, "reject", comment="Item 9 needs the LA route.")
    assert response.status_code == 200
    page.refresh_from_db()
    assert not page.live
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    rejected = TaskState.objects.get(status=TaskState.STATUS_REJECTED)
    assert (rejected.finished_by, rejected.comment) == (
        people["governor"],
        "Item 9 needs the LA route.",
    )


def test_someone_outside_the_approvers_cannot_approve(client, index, people):
    client.force_login(people["senco"])
    submit_report(client, index)
    page = SENInformationReportPage.objects.get()
    client.force_login(people["slt"])  # approvers are governors by default
    workflow_action(client, page, "approve")
    page.refresh_from_db()
    assert not page.live


def test_submitting_with_missing_items_warns_listing_them(client, index, people):
    client.force_login(people["senco"])
    response = submit_report(client, index, item_3a=rich_text(""), item_9=rich_text("<p>Ask.</p>"))
    page = SENInformationReportPage.objects.get()  # warned, not blocked
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 1
    assert "3a. How we evaluate the effectiveness of our provision (missing)" in warnings[0]
    assert "9. Complaints about SEN provision (too thin)" in warnings[0]
    assert "3b." not in warnings[0]
    assert WorkflowState.objects.filter(object_id=str(page.pk)).exists()


def test_editor_panel_shows_the_gaps(client, index, people):
    client.force_login(people["senco"])
    response = client.get(add_url(index))
    html = response.content.decode()
    assert "data-send-completeness" in html
    assert "23 required items are missing or too thin" in html


def test_next_review_before_publication_is_a_field_error(client, index, people):
    client.force_login(people["senco"])
    response = submit_report(client, index, next_review="2026-08-31")
    assert response.status_code == 200
    assert response.context["form"].errors["next_review"] == [
        "The next review must be after the publication date."
    ]
    assert not SENInformationReportPage.objects.exists()


def test_policy_review_cycle_sets_next_review(client, index, people):
    client.force_login(people["senco"])
    data = nested_form_data(
        {
            "title": "Accessibility plan",
            "slug": "accessibility-plan",
            "kind": "accessibility_plan",
            "summary": "How we make the school accessible.",
            "body": rich_text("<p>The plan.</p>"),
            "related_documents": inline_formset([]),
            "review_cycle_years": "3",
            "publication_date": "2026-03-01",
            "approving_body": "Full governing body",
            "comments": inline_formset([]),
        }
    )
    data["action-submit"] = "Submit"
    client.post(add_url(index, "sendpolicypage"), data)
    policy = SENDPolicyPage.objects.get()
    assert policy.next_review == datetime.date(2029, 3, 1)


def test_governor_cannot_edit(client, report, people):
    client.force_login(people["governor"])
    edit_url = reverse("wagtailadmin_pages:edit", args=[report.pk])
    response = client.get(edit_url, follow=True)
    assert response.redirect_chain[0][1] == 302
    assert "You do not have permission" in response.content.decode().replace("Sorry, y", "Y")

    data = report_form(title="Changed by a governor")
    data["action-publish"] = "Publish"
    client.post(edit_url, data)
    assert Page.objects.get(pk=report.pk).title == "SEN Information Report"

    # The edit link on the history page gives a polite 403 page, not a stack trace.
    response = client.get(reverse("wagtail_send_policies:edit", args=[report.pk]))
    assert response.status_code == 403
    assert "You do not have permission to see this page" in response.content.decode()


def test_senco_edit_link_opens_the_editor(client, report, people):
    client.force_login(people["senco"])
    response = client.get(reverse("wagtail_send_policies:edit", args=[report.pk]))
    assert response.url == reverse("wagtailadmin_pages:edit", args=[report.pk])


def test_owner_choices_are_the_schools_people(client, index, people):
    client.force_login(people["senco"])
    form = client.get(add_url(index, "sendpolicypage")).context["form"]
    owners = {user.username for user in form.fields["policy_owner"].queryset}
    assert owners == {"teacher", "senco", "head", "governor"}


def test_a_second_index_of_the_school_shares_its_approval_workflow(index, school):
    from wagtail_send.policies.models import SchoolPoliciesIndexPage

    copy = index.get_parent().add_child(
        instance=SchoolPoliciesIndexPage(title="Polisïau", slug="polisiau", school=school)
    )
    assert copy.get_workflow() == index.get_workflow()
    approvers = copy.get_workflow().tasks.get().specific.groups.get()
    assert approvers.name.endswith("Governor")


def test_approval_role_can_be_slt(client, school, people, settings):
    from wagtail.models import Site

    from wagtail_send.policies.models import SchoolPoliciesIndexPage

    settings.WAGTAILSEND_APPROVAL_ROLE = "slt"
    root = Site.objects.get(is_default_site=True).root_page
    index = root.add_child(
        instance=SchoolPoliciesIndexPage(title="Policies", slug="policies", school=school)
    )
    client.force_login(people["senco"])
    submit_report(client, index)
    page = SENInformationReportPage.objects.get()
    client.force_login(people["governor"])
    workflow_action(client, page, "approve")
    page.refresh_from_db()
    assert not page.live
    client.force_login(people["slt"])
    workflow_action(client, page, "approve")
    page.refresh_from_db()
    assert page.live
