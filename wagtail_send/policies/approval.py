"""Governors' approval as a Wagtail workflow task, and each decision as its task state.

A school's workflow has one step per body that approves: one governor, a committee, the
full governing body (Settings → Workflows in the admin, so two steps make "committee, then
full board"). Every decision, approval or request for changes, is a :class:`Decision`,
Wagtail's TaskState with the body that decided and the minute reference kept with it.
"""

from django import forms
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask, TaskState, WorkflowState
from wagtail.signals import workflow_approved


class ApprovingBody(models.TextChoices):
    GOVERNOR = "governor", _("One governor")
    COMMITTEE = "committee", _("A committee of the governing body")
    BOARD = "board", _("The full governing body")


def person_name(user):
    """How a person is named to others: their full name, never their username."""
    if user is None:
        return _("someone no longer on the system")
    return user.get_full_name() or user.get_short_name() or _("a person without a name")


#: A step's state in words for governors and the SENCO ("changes requested", never "rejected").
OUTCOMES = {
    TaskState.STATUS_APPROVED: _("Approved"),
    TaskState.STATUS_REJECTED: _("Changes requested"),
    TaskState.STATUS_IN_PROGRESS: _("Waiting for a decision"),
    TaskState.STATUS_CANCELLED: _("Withdrawn"),
    TaskState.STATUS_SKIPPED: _("Skipped"),
}


class Decision(TaskState):
    """One decision on a submitted version: who decided, as which body, and the minute."""

    body = models.CharField(_("approving body"), max_length=255, blank=True)
    minute_reference = models.CharField(
        _("minute reference"),
        max_length=255,
        blank=True,
        help_text=_("For example: FGB 12 March 2026, minute 7."),
    )

    class Meta:
        verbose_name = _("governors' decision")
        verbose_name_plural = _("governors' decisions")

    @property
    def outcome_label(self):
        return OUTCOMES.get(self.status, "")


class DecisionForm(TaskStateCommentForm):
    """The comment and minute reference a decision carries (review page and admin modal)."""

    minute_reference = forms.CharField(
        label=_("Minute reference (optional)"),
        max_length=255,
        required=False,
        help_text=_("For example: FGB 12 March 2026, minute 7."),
    )


class ReviewOnlyApprovalTask(AbstractGroupApprovalTask):
    """Approval by a group who decide but never edit: the school's governors (or SLT).

    Wagtail's group approval lets approvers open the editor while the page is in review;
    governors approve what the SENCO wrote, so here they can only approve or ask for
    changes (on the review page, with a comment kept with the version).
    """

    body = models.CharField(
        _("who approves"),
        max_length=20,
        choices=ApprovingBody.choices,
        default=ApprovingBody.GOVERNOR,
        help_text=_("As the public page names it: one governor, a committee or the full board."),
    )
    body_name = models.CharField(
        _("name of the committee or board"),
        max_length=255,
        blank=True,
        help_text=_(
            "For example: Curriculum and standards committee. Leave empty for the usual name."
        ),
    )

    task_state_class = Decision
    admin_form_fields = [*AbstractGroupApprovalTask.admin_form_fields, "body", "body_name"]

    def body_label(self, user=None):
        """The body that decides, as the public page and the history name it."""
        if self.body == ApprovingBody.GOVERNOR:
            return _("%(name)s, governor") % {"name": person_name(user)}
        return self.body_name or self.get_body_display()

    def user_can_access_editor(self, obj, user):
        return user.is_superuser

    def get_form_for_action(self, action):
        return DecisionForm

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        """Record the decision; the last approval publishes without page publish rights.

        Wagtail publishes a finished workflow as the approver, which needs the publish
        permission; that permission would also let governors unpublish or publish other
        drafts directly. Here the approval itself is the authority to publish.
        """
        decision = task_state.specific
        minute_reference = kwargs.pop("minute_reference", "")
        if isinstance(decision, Decision):
            decision.body = self.body_label(user)
            decision.minute_reference = minute_reference
        if action_name != "approve":
            return super().on_action(decision, user, action_name, **kwargs)
        decision.approve(user=user, update=False, **kwargs)
        workflow_state = decision.workflow_state
        if workflow_state.get_next_task() is not None:
            workflow_state.update(user=user)
            return None
        workflow_state.status = WorkflowState.STATUS_APPROVED
        workflow_state.save()
        revision = decision.revision
        page = workflow_state.content_object.specific
        approved = revision.as_object()
        if hasattr(approved, "take_approval_dates"):
            # The approved version is published with the dates its approval gives it, so
            # the revision in the history is what went live.
            approved.take_approval_dates(timezone.localdate(), page if page.live else None)
            revision.content = approved.serializable_data()
            revision.save(update_fields=["content"])
        revision.publish(user=user, skip_permission_checks=True)
        workflow_approved.send(sender=WorkflowState, instance=workflow_state, user=user)
        return None

    def locked_for_user(self, obj, user):
        return not user.is_superuser

    def user_can_lock(self, obj, user):
        return False

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve or request changes, without editing")

    class Meta:
        app_label = "wagtail_send_policies"
        verbose_name = _("approval without editing")
        verbose_name_plural = _("approvals without editing")
