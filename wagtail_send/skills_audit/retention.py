"""Retention: after the retention period, keep an audit's releases and erase the answers."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_send.audit import acting_as, erase
from wagtail_send.audit.erasure import is_on_legal_hold
from wagtail_send.conf import send_settings

from .models import Campaign, Release, Response
from .releases import latest


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
            if not answers and Release.objects.filter(campaign=campaign, final=True).exists():
                continue
            with transaction.atomic():
                # The final release is made from the answers before they go; it holds
                # only figures that may be shown, so nothing kept describes one person.
                latest(campaign)
                for response in answers:
                    if is_on_legal_hold(response):
                        continue  # kept until the hold is lifted; a later run erases it
                    erase(response, by=None, reason=reason)
                    erased += 1
    return erased
