"""What the skills audit offers other features, from aggregates only.

Item 5 of the SEN Information Report (staff expertise and training) and the school's
context for the inclusion strategy (the pupil need profile by broad area).
"""

from django.template.loader import render_to_string
from django.utils import timezone

from wagtail_send.conf import send_settings
from wagtail_send.models.needs import BroadArea

from .gaps import analyse
from .models import Campaign, Level, NeedProfile


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


def render_need_profile(school):
    """The school's latest pupil need profile by broad area of need: counts, never names.

    A count below the small-group minimum is shown as "fewer than N"; where just one area
    is held back, the next smallest is too, so neither can be worked out from the total.
    Returns "" when the school has no need profile counted by today.
    """
    profile = (
        NeedProfile.objects.filter(school=school, recorded_on__lte=timezone.localdate())
        .order_by("-recorded_on", "-pk")
        .first()
    )
    if profile is None:
        return ""
    by_area = dict.fromkeys(BroadArea.values, 0)
    levels = dict.fromkeys(Level.values, 0)
    for area, level, count in profile.counts.values_list("need__broad_area", "level", "count"):
        by_area[area] += count
        levels[level] += count
    total = sum(levels.values())
    if not total:
        return ""
    smallest = send_settings.SMALL_GROUP_MINIMUM
    if total < smallest:
        by_area, levels = {}, {}
    held = _held_back(by_area, smallest)
    # Two levels and their total: holding one back means holding back both.
    held_levels = set(levels) if _held_back(levels, smallest) else set()
    return render_to_string(
        "wagtail_send/skills_audit/need_profile_section.html",
        {
            "profile": profile,
            "total": total if total >= smallest else None,
            "levels": [
                (label, None if value in held_levels else levels[value])
                for value, label in Level.choices
                if value in levels
            ],
            "areas": [
                (label, None if value in held else by_area[value])
                for value, label in BroadArea.choices
                if by_area.get(value)
            ],
            "minimum": smallest,
        },
    )


def _held_back(counts, smallest):
    """The keys of ``counts`` not to show: small ones, and one more if only one is small."""
    held = {key for key, count in counts.items() if 0 < count < smallest}
    if len(held) == 1:
        shown = sorted((count, key) for key, count in counts.items() if count and key not in held)
        held.update(key for _count, key in shown[:1])
    return held
