"""The governors' review page: a submitted version as it will become, and the decision.

One page per submission (a Wagtail TaskState): the draft's changes against the live
version, changed sections first and the rest folded, the change note and completeness
warnings, and Approve, Approve with comment and Request changes. It works for people who
may not edit pages, since the decision is the task's, not the editor's.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from wagtail.models import TaskState

from ..signin import login_required
from . import history
from .approval import OUTCOMES, DecisionForm, person_name
from .completeness import gaps
from .models import InclusionStrategyPage, SchoolDocumentPage, SENInformationReportPage
from .rules import can_read_history
from .strategy_checks import problems

#: The buttons on the page: ``(value, Wagtail action, a comment is needed)``.
CHOICES = {
    "approve": ("approve", False),
    "approve-with-comment": ("approve", True),
    "reject": ("reject", True),
}


def _submission(request, task_state_id):
    state = get_object_or_404(
        TaskState.objects.select_related("revision", "revision__user", "workflow_state"),
        pk=task_state_id,
    )
    page = state.workflow_state.content_object
    page = page.specific if page is not None else None
    if not isinstance(page, SchoolDocumentPage):
        raise Http404
    task = state.task.specific
    actions = []
    if state.status == TaskState.STATUS_IN_PROGRESS:
        actions = task.get_actions(page, request.user)
    if not actions and not can_read_history(request.user, page):
        raise PermissionDenied
    return state, page, task, actions


def _confirmation(page, state, action):
    requester = person_name(state.workflow_state.requested_by)
    if action == "reject":
        return _(
            "You asked for changes to “%(title)s”. %(requester)s has been told, with your comment."
        ) % {"title": page.title, "requester": requester}
    if state.workflow_state.status == state.workflow_state.STATUS_IN_PROGRESS:
        return _("You approved “%(title)s”. It now goes to the next step: %(step)s.") % {
            "title": page.title,
            "step": state.workflow_state.current_task_state.task.name,
        }
    return _("You approved “%(title)s”. It is now published, and %(requester)s has been told.") % {
        "title": page.title,
        "requester": requester,
    }


@login_required
def review(request, task_state_id):
    """A submitted version with its changes, and the approvers' decision on it."""
    state, page, task, actions = _submission(request, task_state_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        choice = CHOICES.get(request.POST.get("decision"))
        if not actions or choice is None:
            raise PermissionDenied
        action, comment_needed = choice
        if form.is_valid() and comment_needed and not form.cleaned_data["comment"].strip():
            form.add_error(
                "comment",
                _("Write what needs to change.")
                if action == "reject"
                else _("Write your comment, or choose Approve."),
            )
        if form.is_valid():
            task.on_action(state, request.user, action, **form.cleaned_data)
            state.workflow_state.refresh_from_db()
            messages.success(request, _confirmation(page, state, action))
            return redirect(request.path)

    draft = state.revision.as_object()
    live = page.live_revision.as_object() if page.live_revision_id else type(page)()
    compared = history.comparisons(page, live, draft, request)
    workflow_state = state.workflow_state
    return render(
        request,
        "wagtail_send/policies/review.html",
        {
            "document": page,
            "state": state,
            "decision": history.Decided(state) if state.finished_at else None,
            "draft": draft,
            "submitted_by": person_name(workflow_state.requested_by),
            "steps": [
                (step.name, OUTCOMES.get(step.status, _("Not started yet")))
                for step in workflow_state.all_tasks_with_status()
            ],
            "changed": [diff for diff in compared if diff.has_changed()],
            "unchanged": [diff for diff in compared if not diff.has_changed()],
            "is_new": not page.live_revision_id,
            "gaps": gaps(draft) if isinstance(draft, SENInformationReportPage) else [],
            "problems": problems(draft) if isinstance(draft, InclusionStrategyPage) else [],
            "form": form,
            "can_decide": bool(actions),
        },
    )
