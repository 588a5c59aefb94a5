"""Admin pieces: the completeness report across schools and the review-due dashboard panel."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.admin.views.reports import ReportView
from wagtail.models import TaskState

from ..checks import front_end_mounted
from ..models import School
from .approval import person_name
from .completeness import MISSING, gaps
from .models import SchoolDocumentPage, SENInformationReportPage
from .rules import HISTORY_ROLES, REVIEW_ROLES, limit_to_schools, schools_with
from .senco import senco_status


def describe_gaps(found):
    """``"Missing: 3a, 7. Too thin: 9."`` for a list of Gap."""
    missing = [gap.item.code for gap in found if gap.problem == MISSING]
    thin = [gap.item.code for gap in found if gap.problem != MISSING]
    parts = []
    if missing:
        parts.append(_("Missing: %(items)s.") % {"items": ", ".join(missing)})
    if thin:
        parts.append(_("Too thin: %(items)s.") % {"items": ", ".join(thin)})
    return " ".join(str(part) for part in parts) or _("Complete")


class CompletenessReportView(ReportView):
    """Every school's SEN Information Report and its gaps, so a trust sees them at a glance."""

    page_title = _("SEN Information Report completeness")
    header_icon = "doc-full"
    index_url_name = "wagtail_send_policies_completeness"
    index_results_url_name = "wagtail_send_policies_completeness_results"
    paginate_by = 50
    columns = [
        Column("name", label=_("School")),
        Column(
            "report",
            label=_("Report"),
            accessor=lambda school: school.report.title if school.report else _("No report"),
        ),
        Column(
            "status",
            label=_("Published"),
            accessor=lambda school: school.report.status_string if school.report else "",
        ),
        Column(
            "gaps",
            label=_("Gaps"),
            accessor=lambda school: describe_gaps(school.gaps) if school.report else "",
        ),
    ]

    def dispatch(self, request, *args, **kwargs):
        self.school_ids = schools_with(request.user, HISTORY_ROLES)
        if self.school_ids == []:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return limit_to_schools(School.objects.order_by("name"), self.school_ids, "pk")

    def decorate_paginated_queryset(self, object_list):
        schools = list(object_list)
        reports = {
            report.school_id: report
            for report in SENInformationReportPage.objects.filter(school__in=schools).order_by(
                "-live", "pk"
            )[::-1]
        }
        for school in schools:
            school.report = reports.get(school.pk)
            school.gaps = gaps(school.report, school=school) if school.report else []
        return schools


class ReviewDuePanel(Component):
    """Dashboard panel: the person's school policies due or overdue for review."""

    name = "send_policies_review_due"
    order = 150
    template_name = "wagtail_send/policies/panels/review_due.html"

    def __init__(self, documents):
        self.documents = documents

    def get_context_data(self, parent_context=None):
        return {
            "documents": [
                (page, reverse("wagtailadmin_pages:edit", args=[page.pk]))
                for page in self.documents
            ],
            "history_url": front_end_mounted() and reverse("wagtail_send_policies:history_index"),
        }


class ModerationPanelWithoutPolicies(WorkflowObjectsToModeratePanel):
    """Wagtail's "awaiting your review" panel, less the policies: its preview and compare
    links need edit rights governors do not have. :class:`DecisionsDuePanel` lists them."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["states"] = [
            state
            for state in context["states"]
            if not isinstance(state["obj"], SchoolDocumentPage)
        ]
        return context


class DecisionsDuePanel(Component):
    """Dashboard panel: policies submitted to the person for a decision, with review links."""

    name = "send_policies_decisions_due"
    order = 140
    template_name = "wagtail_send/policies/panels/decisions_due.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        states = (
            TaskState.objects.reviewable_by(self.user)
            .select_related("revision", "workflow_state__requested_by", "task")
            .order_by("started_at")
        )
        rows = []
        for state in states:
            page = state.revision.content_object
            if isinstance(page, SchoolDocumentPage):
                rows.append(
                    {
                        "page": page,
                        "step": state.task.name,
                        "submitted_by": person_name(state.workflow_state.requested_by),
                        "submitted_at": state.started_at,
                        "url": reverse("wagtail_send_policies:review", args=[state.pk]),
                    }
                )
        return {"rows": rows}


class SENCOQualificationPanel(Component):
    """Dashboard panel for the SENCO and the head: the qualification deadline, until met."""

    name = "send_senco_qualification"
    order = 130
    template_name = "wagtail_send/policies/panels/senco_qualification.html"

    def __init__(self, user):
        self.user = user

    def rows(self):
        school_ids = schools_with(self.user, REVIEW_ROLES)
        if not school_ids:  # superusers (None) see it in each school's details instead
            return []
        rows = []
        for school in School.objects.filter(pk__in=school_ids).order_by("name"):
            status = senco_status(school)
            if status.warns:
                edit = reverse("wagtail_send_schools:edit", args=[school.pk])
                rows.append((school, status, edit))
        return rows

    def render_html(self, parent_context=None):
        return super().render_html(parent_context) if self.rows() else ""

    def get_context_data(self, parent_context=None):
        return {"rows": self.rows()}
