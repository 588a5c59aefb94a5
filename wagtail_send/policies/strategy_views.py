"""The inclusion strategy's own views: next year's draft from this year's, and the
activities as CSV for the finance office."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..exports import csv_response
from ..signin import login_required
from .models import InclusionStrategyPage
from .rules import can_read_history
from .strategy import Continuity, StrategyActivity

#: What next year's strategy takes from this year's; the allocation is a new year's.
COPIED_FIELDS = ("years", "intro", "context", "policy_owner_id", "approving_body")


def _strategy(page_id):
    strategy = InclusionStrategyPage.objects.filter(pk=page_id).first()
    if strategy is None:
        raise Http404
    return strategy


def next_year(strategy, by):
    """A draft strategy for the period after ``strategy``'s, its activities continued.

    Each activity is copied from the version of ``strategy`` that is live (or its latest
    draft if none is), marked continued and linked to its original, so the editor
    marks it changed once it says something else.
    """
    source = strategy if strategy.live else strategy.get_latest_revision_as_object()
    first_year = strategy.first_year + (strategy.years or 1)
    draft = InclusionStrategyPage(
        first_year=first_year,
        live=False,
        **{name: getattr(source, name) for name in COPIED_FIELDS},
    )
    draft.title = _("Inclusion strategy %(period)s") % {"period": draft.period}
    draft.slug = slugify(f"inclusion-strategy-{first_year}")
    draft.activities = [
        StrategyActivity(
            origin_id=activity.pk,
            continuity=Continuity.CONTINUED,
            sort_order=position,
            principles=list(activity.principles.all()),
            **{name: getattr(activity, name) for name in StrategyActivity.COMPARED},
            review_date=None,
        )
        for position, activity in enumerate(source.activities.all())
    ]
    with transaction.atomic():
        strategy.get_parent().add_child(instance=draft)
        draft.save_revision(user=by, log_action=True)
    return draft


@login_required
def copy_forward(request, page_id):
    """Ask, then start next year's strategy from this one and open it in the editor."""
    strategy = _strategy(page_id)
    index = strategy.get_parent()
    if not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    following = strategy.first_year + (strategy.years or 1)
    existing = InclusionStrategyPage.objects.filter(
        school_id=strategy.school_id, first_year=following
    ).first()
    if request.method == "POST" and existing is None:
        draft = next_year(strategy, request.user)
        return redirect(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
    return render(
        request,
        "wagtail_send/policies/copy_forward.html",
        {"strategy": strategy, "following": following, "existing": existing},
    )


@login_required
def activities_csv(request, page_id):
    """The live strategy's activities with their costs and funding, one a row."""
    strategy = _strategy(page_id)
    if not can_read_history(request.user, strategy):
        raise PermissionDenied
    if not strategy.live:
        raise Http404
    headings = [
        _("Activity"),
        _("Since last year"),
        _("Barrier"),
        _("Principles of inclusion"),
        _("Who it is for"),
        _("What we do"),
        _("Budgeted cost (£)"),
        _("Funding source"),
        _("Intended impact"),
        _("How impact is measured"),
        _("Review date"),
    ]
    rows = (
        [
            activity.title,
            activity.get_continuity_display(),
            activity.barrier,
            "; ".join(principle.name for principle in activity.principles.all()),
            activity.cohort,
            activity.description,
            "" if activity.cost is None else f"{activity.cost:.2f}",
            activity.get_funding_source_display(),
            activity.intended_impact,
            activity.impact_measure,
            activity.review_date.isoformat() if activity.review_date else "",
        ]
        for activity in strategy.activities.prefetch_related("principles")
    )
    return csv_response(f"{strategy.slug}-activities.csv", headings, rows)
