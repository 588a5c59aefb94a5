"""Item 5 of the SEN Information Report: staff expertise and training, from aggregates only."""

from django.template.loader import render_to_string
from django.utils import timezone

from wagtail_send.conf import send_settings

from .gaps import analyse
from .models import Campaign


def render_staff_expertise(school):
    """Summarise the latest audit that has opened: confidence by area, training priorities.

    Built from the audit's latest release, like every page: figures the disclosure rules
    keep back are left out. Returns "" when the school has no audit with enough answers.
    """
    campaign = (
        Campaign.objects.active()
        .filter(school=school, opens_on__lte=timezone.localdate())
        .select_related("school")
        .first()
    )
    if campaign is None:
        return ""
    analysis = analyse(campaign)
    if not analysis.respondents_visible:
        return ""
    confident = sorted(
        (a for a in analysis.areas if a.confidence is not None),
        key=lambda a: -a.confidence,
    )
    return render_to_string(
        "wagtail_send/skills_audit/report_section.html",
        {
            "analysis": analysis,
            "confident": confident[:2],
            "priorities": analysis.priorities[:3],
            "minimum": send_settings.SMALL_GROUP_MINIMUM,
        },
    )
