"""Feedback to each member of staff visited: written by the walkers, read by that person."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail_send.access import can, grant
from wagtail_send.privacy import log_read

from ...signin import login_required
from ..forms import FeedbackForm
from ..models import Feedback
from .common import check, existing_or_new, may, save_shared, walk_for


@login_required
def write(request, pk, visit_pk):
    """Write (or revise) the feedback for one visit."""
    walk = walk_for(request, pk, "change")
    visit = get_object_or_404(walk.visits.select_related("staff_member"), pk=visit_pk)
    if visit.staff_member is None:
        raise PermissionDenied
    feedback = existing_or_new(request, Feedback, walk, visit=visit)
    form = FeedbackForm(request.POST or None, instance=feedback, walk=walk)
    if form.is_valid():
        save_shared(request, form)
        messages.success(request, _("Feedback saved."))
        return redirect("wagtail_send_learning_walks:feedback", pk=feedback.pk)
    return render(
        request,
        "wagtail_send/learning_walks/feedback_form.html",
        {"walk": walk, "visit": visit, "form": form},
    )


@login_required
def read(request, pk):
    feedback = get_object_or_404(
        Feedback.objects.active().select_related("walk", "visit__staff_member"), pk=pk
    )
    check(request.user, "view", feedback)
    # Feedback is about the member of staff visited: they may learn who else read it.
    if feedback.visit.staff_member_id != request.user.pk:
        log_read(request.user, feedback)
    may_write = may(request.user, "change", feedback.walk)
    context = {
        "feedback": feedback,
        "walk": feedback.walk,
        "visit": feedback.visit,
        "can_change": may_write and can(request.user, "change", feedback),
        "can_send": may_write
        and feedback.sent_at is None
        and feedback.visit.staff_member_id is not None
        and can(request.user, "share", feedback),
    }
    return render(request, "wagtail_send/learning_walks/feedback.html", context)


@login_required
@require_POST
def send(request, pk):
    """Let the member of staff read their feedback (a grant on this one record)."""
    feedback = get_object_or_404(Feedback.objects.active().select_related("visit"), pk=pk)
    walk_for(request, feedback.walk_id, "change")
    check(request.user, "share", feedback)
    if feedback.visit.staff_member is None:
        # Their account was removed after the visit (the visit keeps its place).
        messages.error(request, _("No one can be sent this feedback: their account has gone."))
        return redirect("wagtail_send_learning_walks:feedback", pk=feedback.pk)
    with transaction.atomic():
        grant(feedback, feedback.visit.staff_member, "view", by=request.user)
        feedback.sent_at = timezone.now()
        feedback.save(update_fields=["sent_at", "updated_at"])
    messages.success(request, _("Feedback sent."))
    return redirect("wagtail_send_learning_walks:feedback", pk=feedback.pk)
