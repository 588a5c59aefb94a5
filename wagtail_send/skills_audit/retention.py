"""Retention: after the retention period, keep an audit's aggregates and erase the answers."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_send.audit import acting_as, erase
from wagtail_send.audit.erasure import is_on_legal_hold
from wagtail_send.conf import send_settings

from .aggregates import campaign_aggregates
from .models import Campaign, Response


def store_aggregates(campaign):
    """Keep the audit's aggregates on the audit itself, before any answer is removed.

    Staff-group figures from fewer people than the small-group minimum are dropped rather
    than stored: once the answers are gone, nothing kept may describe one person.
    """
    if campaign.aggregated_at is None:
        aggregates = campaign_aggregates(campaign)
        minimum = send_settings.SMALL_GROUP_MINIMUM
        for entry in aggregates["questions"].values():
            entry["groups"] = {
                group: cell for group, cell in entry["groups"].items() if cell[0] >= minimum
            }
        campaign.aggregates = aggregates
        campaign.aggregated_at = timezone.now()
        campaign.save()


def apply_retention(today=None):
    """Erase individual answers to audits closed longer ago than the retention period.

    Returns:
        The number of people's answers erased.
    """
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=send_settings.ANSWER_RETENTION_DAYS)
    erased = 0
    reason = _("Retention period ended: answers removed, aggregates kept")
    with acting_as(None, reason):
        for campaign in Campaign.objects.filter(closes_on__lt=cutoff):
            answers = list(Response.objects.filter(campaign=campaign))
            if not answers and campaign.aggregated_at is not None:
                continue
            with transaction.atomic():
                store_aggregates(campaign)
                for response in answers:
                    if is_on_legal_hold(response):
                        continue  # kept until the hold is lifted; a later run erases it
                    erase(response, by=None, reason=reason)
                    erased += 1
    return erased
