from django.apps import apps
from django.contrib import messages
from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from ..checks import front_end_mounted
from .admin_views import (
    CompletenessReportView,
    DecisionsDuePanel,
    ModerationPanelWithoutPolicies,
    ReviewDuePanel,
    SENCOQualificationPanel,
)
from .completeness import gaps
from .models import InclusionStrategyPage, SENInformationReportPage
from .reminders import documents_due
from .rules import HISTORY_ROLES, REVIEW_ROLES, schools_with
from .strategy_checks import problems
from .viewsets import PrincipleViewSet

PUBLISHING_ACTIONS = ("action-publish", "action-submit")


def warn_about_gaps(request, page):
    """After publishing or submitting a report or strategy with gaps, say what is missing."""
    if not any(action in request.POST for action in PUBLISHING_ACTIONS):
        return
    if isinstance(page.specific_deferred, InclusionStrategyPage):
        found = problems(page.specific.get_latest_revision_as_object())
        if found:
            messages.warning(
                request,
                _("This inclusion strategy is not yet complete: %(problems)s.")
                % {"problems": "; ".join(str(problem) for problem in found)},
            )
        return
    if not isinstance(page.specific_deferred, SENInformationReportPage):
        return
    found = gaps(page.specific.get_latest_revision_as_object())
    if found:
        items = "; ".join(f"{gap.item.label} ({gap.problem_label})" for gap in found)
        messages.warning(
            request,
            _("This SEN Information Report does not yet cover every required item: %(items)s.")
            % {"items": items},
        )


hooks.register("after_create_page", warn_about_gaps)
hooks.register("after_edit_page", warn_about_gaps)


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    school_ids = schools_with(request.user, REVIEW_ROLES)
    if school_ids != []:
        panels.append(ReviewDuePanel(documents_due(school_ids)))


@hooks.register("construct_homepage_panels")
def add_senco_qualification_panel(request, panels):
    panels.append(SENCOQualificationPanel(request.user))


@hooks.register("construct_homepage_panels")
def review_policies_on_their_own_page(request, panels):
    """Policies waiting for a decision link to the review page, which approvers can open."""
    for position, panel in enumerate(panels):
        if panel.name == ModerationPanelWithoutPolicies.name and front_end_mounted():
            panels[position] = ModerationPanelWithoutPolicies()
            panels.append(DecisionsDuePanel(request.user))


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "send-policies/completeness/",
            CompletenessReportView.as_view(),
            name="wagtail_send_policies_completeness",
        ),
        path(
            "send-policies/completeness/results/",
            CompletenessReportView.as_view(results_only=True),
            name="wagtail_send_policies_completeness_results",
        ),
    ]


class HistoryRolesMenuItem(MenuItem):
    """Shown to the SENCO, SLT and governors of some school (and superusers)."""

    def is_shown(self, request):
        return schools_with(request.user, HISTORY_ROLES) != []


class HistoryMenuItem(HistoryRolesMenuItem):
    """Left out, rather than breaking every admin page, on a site without the URL line
    (check wagtail_send.E005 names it)."""

    def is_shown(self, request):
        return front_end_mounted() and super().is_shown(request)


@hooks.register("register_admin_menu_item")
def register_history_menu_item():
    return HistoryMenuItem(
        gettext_lazy("Policy history"),
        reverse_lazy("wagtail_send_policies:history_index"),
        name="send-policy-history",
        icon_name="history",
        order=250,
    )


@hooks.register("register_reports_menu_item")
def register_completeness_menu_item():
    return HistoryRolesMenuItem(
        gettext_lazy("SEN Information Report completeness"),
        reverse("wagtail_send_policies_completeness"),
        name="send-report-completeness",
        icon_name="doc-full",
        order=900,
    )


@hooks.register("register_admin_viewset")
def register_principles():
    return PrincipleViewSet()


@hooks.register("register_page_header_buttons")
def strategy_buttons(page, user, view_name, next_url=None):
    """On a strategy: start next year's from it, and its activities for the finance office."""
    if not isinstance(page.specific_deferred, InclusionStrategyPage) or not front_end_mounted():
        return
    yield Button(
        _("Start next year's strategy"),
        reverse("wagtail_send_policies:copy_forward", args=[page.pk]),
        icon_name="copy",
        priority=35,
    )
    if page.live:
        yield Button(
            _("Activities as CSV"),
            reverse("wagtail_send_policies:activities_csv", args=[page.pk]),
            icon_name="download",
            priority=36,
        )


if apps.is_installed("wagtail_localize"):
    # Its hooks: a translation of a policy goes through the governors' approval.
    from . import localize  # noqa: F401
