"""After the walk: triangulating the evidence, the report, sign-off and follow-ups."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail_send import pdf, providers
from wagtail_send.access import can, visible

from ...signin import login_required
from ..forms import ActionForm, FindingForm, ReasonForm, ReportForm
from ..models import AgreedAction, Finding, LearningWalk, Observation, WalkerRole, WalkReport
from .common import check, existing_or_new, may, save_shared, walk_for


def _evidence_grid(walk, observations):
    """``[(look_for, [(visit, [(role, note)])])]``: each look-for's evidence by visit and role."""
    by_visit = {}
    for observation in observations:
        by_visit.setdefault(observation.visit_id, []).append(observation)
    visits = list(walk.visits.all())
    grid = []
    for look_for in walk.look_fors.prefetch_related("findings"):
        rows = []
        for visit in visits:
            notes = [
                (o.get_role_display(), o.note_for(look_for))
                for o in by_visit.get(visit.pk, ())
                if o.note_for(look_for)
            ]
            if notes:
                rows.append((visit, notes))
        grid.append((look_for, rows))
    return grid


@login_required
def triangulate(request, pk):
    """The evidence for each look-for across roles and visits, and what the team agreed."""
    walk = walk_for(request, pk)
    user = request.user
    can_change = may(user, "change", walk)
    observations = visible(user, Observation).active().filter(walk=walk).select_related("visit")
    finding_form, action_form = FindingForm(walk=walk), ActionForm(walk=walk)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if request.POST.get("add") == "finding":
            finding_form = form = FindingForm(request.POST, walk=walk)
        else:
            action_form = form = ActionForm(request.POST, walk=walk)
        if form.is_valid():
            with form.noting():
                form.save()
            messages.success(request, _("Added."))
            return redirect("wagtail_send_learning_walks:triangulate", pk=walk.pk)
    context = {
        "walk": walk,
        "grid": _evidence_grid(walk, observations),
        "prompt_notes": [o for o in observations if o.prompt_notes or o.notes],
        "roles": WalkerRole.choices,
        "actions": walk.actions.select_related("owner", "look_for"),
        "can_change": can_change,
        "finding_form": finding_form,
        "action_form": action_form,
        "follow_ups": providers.follow_ups(),
    }
    return render(request, "wagtail_send/learning_walks/triangulate.html", context)


@login_required
@require_POST
def follow_up(request, pk, action_pk):
    """Send an agreed action to another app (a learning-wall theme, a skills-audit area)."""
    walk = walk_for(request, pk, "change")
    action = get_object_or_404(AgreedAction, walk=walk, pk=action_pk)
    destination = providers.follow_up(request.POST.get("to", ""))
    if destination is None:
        raise Http404
    form = ReasonForm(request.POST, walk=walk)
    if not form.is_valid():
        messages.error(request, form.errors["change_reason"][0])
        return redirect("wagtail_send_learning_walks:triangulate", pk=walk.pk)
    with form.noting(), transaction.atomic():
        created = destination.create(action, request.user)
        action.followed_up_as = f"{destination.label}: {created}"[:200]
        action.save()
    messages.success(request, _("Sent to %(where)s.") % {"where": destination.label})
    return redirect("wagtail_send_learning_walks:triangulate", pk=walk.pk)


def _report_context(walk):
    """Everything the report shows, in a fixed number of queries whatever the walk's size."""
    look_fors = walk.look_fors.prefetch_related(
        Prefetch("findings", queryset=Finding.objects.order_by("kind", "pk")),
    )
    return {
        "walk": walk,
        "look_fors": look_fors,
        "visits": walk.visits.select_related("staff_member"),
        "walkers": walk.walkers.select_related("user"),
        "actions": walk.actions.select_related("owner", "look_for"),
    }


@login_required
def report(request, pk, as_pdf=False):
    """The report for the headteacher, SLT and governors; printable, and as a PDF."""
    walk = get_object_or_404(
        LearningWalk.objects.active().select_related("school", "signed_off_by"), pk=pk
    )
    walk_report = WalkReport.objects.filter(walk=walk).active().first()
    if walk_report is None:
        check(request.user, "change", walk)
        return redirect("wagtail_send_learning_walks:compile", pk=walk.pk)
    check(request.user, "view", walk_report)
    context = _report_context(walk)
    context.update(
        report=walk_report,
        can_compile=can(request.user, "change", walk_report) and may(request.user, "change", walk),
        can_sign_off=not walk.is_locked and can(request.user, "share", walk),
        can_download=pdf.available(),
    )
    template = "wagtail_send/learning_walks/report.html"
    if as_pdf:
        if not pdf.available():
            raise Http404
        filename = f"learning-walk-{walk.date:%Y-%m-%d}-{slugify(walk.title)}.pdf"
        return pdf.pdf_response(request, template, context, filename)
    return render(request, template, context)


@login_required
def compile_report(request, pk):
    """Write or revise the report's summary; the findings and actions come from triangulation."""
    walk = walk_for(request, pk, "change")
    walk_report = existing_or_new(request, WalkReport, walk)
    form = ReportForm(request.POST or None, instance=walk_report, walk=walk)
    if form.is_valid():
        save_shared(request, form)
        messages.success(request, _("Report saved."))
        return redirect("wagtail_send_learning_walks:report", pk=walk.pk)
    return render(
        request, "wagtail_send/learning_walks/compile.html", {"walk": walk, "form": form}
    )


@login_required
@require_POST
def sign_off(request, pk):
    """Sign the walk off: from now on every change needs a reason."""
    walk = walk_for(request, pk, "share")
    if walk.is_locked:
        messages.error(request, _("This walk has already been signed off."))
    elif not WalkReport.objects.filter(walk=walk).active().exists():
        messages.error(request, _("Compile the report before signing the walk off."))
    else:
        walk.signed_off_at, walk.signed_off_by = timezone.now(), request.user
        walk.save(update_fields=["signed_off_at", "signed_off_by", "updated_at"])
        messages.success(request, _("Walk signed off. Later changes will need a reason."))
    return redirect("wagtail_send_learning_walks:report", pk=walk.pk)
