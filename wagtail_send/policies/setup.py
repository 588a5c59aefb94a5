"""Wire a school's policies index into Wagtail's permissions and its approval workflow.

* The SENCO group may add and edit pages under the index but not publish: a change goes
  live only when the approvers (``WAGTAILSEND_APPROVAL_ROLE``, governors by default)
  approve it through the workflow.
* The SENCO group may upload and choose documents (policy appendices).
* With wagtail-localize installed, the SENCO group may start translations, which go
  through the same approval (localize.py).
* Governors get no page permissions at all; they read the policy history instead.
"""

from django.apps import apps
from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from ..conf import send_settings
from ..feature_pages import add_page
from ..roles import Role
from ..schools import role_group

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
EDITOR_DOCUMENT_PERMISSIONS = ("add_document", "choose_document")


@transaction.atomic
def configure_index(index):
    """Give ``index``'s school the permissions and approval workflow it needs (idempotent).

    Returns:
        The Workflow that pages under ``index`` go through.
    """
    school = index.school
    editors = role_group(school, Role.SENCO)
    for codename in EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=editors,
            page=index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    root_collection = Collection.get_first_root_node()
    for codename in EDITOR_DOCUMENT_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=editors,
            collection=root_collection,
            permission=Permission.objects.get(
                content_type__app_label="wagtaildocs", codename=codename
            ),
        )
    if apps.is_installed("wagtail_localize"):
        editors.permissions.add(
            Permission.objects.get(
                content_type__app_label="wagtail_localize", codename="submit_translation"
            )
        )
    return ensure_workflow(index)


def configure_new_index(instance, created, raw, **kwargs):
    """``post_save`` of an index: a new one is configured at once.

    Why on saving rather than in an admin hook: demo data and other code create index
    pages too, and each needs its approval workflow and the SENCO's permissions.
    """
    if created and not raw:
        configure_index(instance)


def ensure_workflow(index):
    """The approval workflow on ``index``, created with its task on first use."""
    from .models import ReviewOnlyApprovalTask, SchoolPoliciesIndexPage

    link = WorkflowPage.objects.filter(page=index).select_related("workflow").first()
    if link is not None:
        return link.workflow
    school = index.school
    # Another index of the school (a translation, say) shares the school's workflow.
    shared = (
        WorkflowPage.objects.filter(
            page__in=SchoolPoliciesIndexPage.objects.filter(school=school).exclude(pk=index.pk)
        )
        .select_related("workflow")
        .first()
    )
    if shared is not None:
        WorkflowPage.objects.create(workflow=shared.workflow, page=index)
        return shared.workflow
    approvers = role_group(school, send_settings.APPROVAL_ROLE)
    role_label = Role(send_settings.APPROVAL_ROLE).label
    task = ReviewOnlyApprovalTask.objects.create(
        name=_("%(school)s: approval by %(role)s") % {"school": school.name, "role": role_label}
    )
    task.groups.set([approvers])
    workflow = Workflow.objects.create(
        name=_("%(school)s: SEND policies approval") % {"school": school.name}
    )
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=index)
    return workflow


def create_pages(school, home):
    """The school's policies index, with a draft SEN Information Report for the SENCO."""
    from .models import SchoolPoliciesIndexPage, SENInformationReportPage

    made = []
    index = SchoolPoliciesIndexPage.objects.filter(school=school).first()
    if index is None:
        index = add_page(
            home,
            SchoolPoliciesIndexPage(
                title=_("SEND policies and information"), slug="send", school=school
            ),
        )
        made.append(index)
    if not SENInformationReportPage.objects.filter(school=school).exists():
        # A draft: the SENCO writes it and the approvers publish it.
        report = add_page(
            index,
            SENInformationReportPage(
                title=_("SEN Information Report"), slug="sen-information-report", live=False
            ),
        )
        report.save_revision(log_action=True)
        made.append(report)
    return made
