"""The gap analysis: heatmap and table, CSV export, and a printable summary."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from wagtail_send.access import can
from wagtail_send.conf import send_settings
from wagtail_send.exports import csv_response

from ...signin import login_required
from .. import heatmap
from ..gaps import analyse
from .common import campaign_for


def _context(request, campaign):
    analysis = analyse(campaign)
    return {
        "campaign": campaign,
        "analysis": analysis,
        "minimum": send_settings.SMALL_GROUP_MINIMUM,
        "can_export": can(request.user, "export", campaign),
        "can_manage": can(request.user, "change", campaign),
    }


@login_required
def gaps(request, pk):
    """Staff confidence against pupil need, by need and by area, with priorities ranked."""
    campaign = campaign_for(request, pk)
    context = _context(request, campaign)
    analysis = context["analysis"]
    context.update(
        need_map=heatmap.render(
            analysis, analysis.needs, _("Staff confidence against pupil need, by need")
        ),
        area_map=heatmap.render(
            analysis, analysis.areas, _("Staff confidence against pupil need, by broad area")
        ),
    )
    return render(request, "wagtail_send/skills_audit/gaps.html", context)


@login_required
def summary(request, pk):
    """A printable page for leaders and governors: aggregates only."""
    campaign = campaign_for(request, pk)
    return render(request, "wagtail_send/skills_audit/summary.html", _context(request, campaign))


def _fmt(value, digits=2):
    return "" if value is None else round(value, digits)


@login_required
def gaps_csv(request, pk):
    """The latest release's gap table as CSV, one row per need and per area.

    Figures the disclosure rules keep back are left empty.
    """
    campaign = campaign_for(request, pk, "export")
    analysis = analyse(campaign)
    headings = [
        _("Kind"),
        _("Code or area"),
        _("Need"),
        _("Pupils"),
        _("With EHC plan"),
        _("Share of pupils"),
        _("Answers"),
        _("Mean confidence"),
        _("Asking for training"),
        _("Priority"),
        _("Rank"),
        _("Change since previous audit"),
    ]
    rows = (
        [
            kind,
            row.key,
            row.label,
            row.pupils,
            row.ehc,
            _fmt(row.share, 3),
            "" if row.answered is None else row.answered,
            _fmt(row.confidence),
            _fmt(row.training_share),
            _fmt(row.priority, 3),
            row.rank or "",
            _fmt(row.change),
        ]
        for kind, rows in ((_("Need"), analysis.needs), (_("Area"), analysis.areas))
        for row in rows
    )
    return csv_response(f"skills-audit-gaps-{pk}.csv", headings, rows)
