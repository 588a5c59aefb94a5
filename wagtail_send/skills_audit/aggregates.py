"""Aggregates of an audit's answers, and the one rule for who may see an aggregate.

Aggregates are counts and sums only: how many people answered each question, the sum of
their confidence ratings and how many asked for training, overall and per staff group
(job title). They are what leaders, governors, the SEN Information Report and the gap
analysis read; individual answers are read only through :class:`~.models.Response` and
the core permission policy.
"""

from django.utils.translation import gettext as _

from wagtail_send.access import can
from wagtail_send.conf import send_settings

from .models import Response


def group_of(job_title):
    """The staff group an answer counts towards: the job title, tidied."""
    title = " ".join((job_title or "").split())
    return title[:1].upper() + title[1:] if title else _("Other staff")


def compute(rows):
    """Aggregate submitted answers.

    Args:
        rows: iterable of ``(job_title, answers)`` pairs, one per person who sent answers.

    Returns:
        ``{"respondents": n, "groups": {group: n}, "questions": {qid: {"answered": n,
        "total": sum of ratings, "training": n, "groups": {group: [answered, total,
        training]}}}}``, with question ids as strings (it is stored as JSON).
    """
    result = {"respondents": 0, "groups": {}, "questions": {}}
    for job_title, answers in rows:
        group = group_of(job_title)
        result["respondents"] += 1
        result["groups"][group] = result["groups"].get(group, 0) + 1
        for qid, answer in (answers or {}).items():
            confidence = answer.get("confidence")
            if confidence not in (1, 2, 3, 4):
                continue
            training = 1 if answer.get("training") else 0
            entry = result["questions"].setdefault(
                str(qid), {"answered": 0, "total": 0, "training": 0, "groups": {}}
            )
            entry["answered"] += 1
            entry["total"] += confidence
            entry["training"] += training
            cell = entry["groups"].setdefault(group, [0, 0, 0])
            cell[0] += 1
            cell[1] += confidence
            cell[2] += training
    return result


def campaign_aggregates(campaign):
    """The aggregates of ``campaign``: stored ones once answers are removed, else live.

    One query at most, whatever the number of staff.
    """
    if campaign.aggregated_at is not None:
        return campaign.aggregates
    rows = (
        Response.objects.active()
        .filter(campaign=campaign, submitted_at__isnull=False)
        .values_list("job_title", "answers")
    )
    return compute(rows)


def aggregate_visible(user, campaign, group_size):
    """THE aggregate rule: may ``user`` see a figure built from ``group_size`` people?

    Only people who may view the audit see its aggregates, and a figure drawn from fewer
    people than ``WAGTAILSEND_SMALL_GROUP_MINIMUM`` is never shown, to anyone, so that no
    one can be singled out (the same pages are printed for leaders and governors; the
    SENCO reads individual answers through the answers themselves). ``user`` is None for
    the published SEN Information Report, where only the size rule applies.
    """
    if group_size < send_settings.SMALL_GROUP_MINIMUM:
        return False
    return user is None or can(user, "view", campaign)
