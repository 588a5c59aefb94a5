"""The workflow's emails about policies, written for governors and the SENCO.

Wagtail's own tell a governor "You can edit the page here" and a SENCO that the page was
"rejected". These notifiers are Wagtail's, with the policies' own templates for policy
pages (and Wagtail's for anything else): the approvers get the review page, the SENCO
hears "changes requested" with the comment, and everyone is greeted by name.
"""

from django.urls import reverse
from wagtail.admin.mail import (
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
)
from wagtail.admin.utils import get_admin_base_url
from wagtail.models import WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected

from .approval import Decision, person_name

TEMPLATES = "wagtail_send/policies/notifications/"


class PolicyWording:
    """Our templates and context for policy pages; Wagtail's for everything else."""

    def _is_policy(self, instance):
        from .models import SchoolDocumentPage

        state = instance if isinstance(instance, WorkflowState) else instance.workflow_state
        page = state.content_object
        return isinstance(getattr(page, "specific_deferred", page), SchoolDocumentPage)

    def get_template_set(self, instance, **kwargs):
        if not self._is_policy(instance):
            return super().get_template_set(instance, **kwargs)
        base = TEMPLATES + self.notification
        return {"subject": base + "_subject.txt", "text": base + ".txt", "html": base + ".html"}

    def get_context(self, instance, **kwargs):
        context = super().get_context(instance, **kwargs)
        if self._is_policy(instance):
            state = instance if isinstance(instance, WorkflowState) else instance.workflow_state
            context["base_url"] = get_admin_base_url() or ""
            context["requested_by"] = person_name(state.requested_by)
            decision = state.current_task_state or state.task_states.order_by("-pk").first()
            context["decision"] = decision.specific
            context["decided_by"] = person_name(decision.finished_by)
            context["review_path"] = reverse("wagtail_send_policies:review", args=[decision.pk])
        return context


class SubmittedForDecision(PolicyWording, GroupApprovalTaskStateSubmissionEmailNotifier):
    pass


class Approved(PolicyWording, WorkflowStateApprovalEmailNotifier):
    pass


class ChangesRequested(PolicyWording, WorkflowStateRejectionEmailNotifier):
    pass


# Signals hold their receivers weakly: the notifiers live here, as Wagtail's do.
submitted_for_decision = SubmittedForDecision()
approved = Approved()
changes_requested = ChangesRequested()


def connect():
    """Put these in place of Wagtail's notifiers (whichever app was ready first)."""
    # Wagtail listens for plain TaskStates; a policy's step starts a Decision.
    task_submitted.connect(
        submitted_for_decision, sender=Decision, dispatch_uid="wagtail_send_policies_submitted"
    )
    for signal, notifier, uid in (
        (workflow_approved, approved, "workflow_state_approved_email_notification"),
        (workflow_rejected, changes_requested, "workflow_state_rejected_email_notification"),
    ):
        signal.disconnect(sender=WorkflowState, dispatch_uid=uid)
        signal.connect(notifier, sender=WorkflowState, dispatch_uid=uid)
