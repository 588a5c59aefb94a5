"""Which policies are due for review, and the reminder email to their owners."""

from collections import defaultdict

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_admin_base_url

from ..conf import send_settings
from .models import DOCUMENT_MODELS, due_by
from .rules import limit_to_schools


def documents_due(school_ids=None, today=None):
    """Live documents whose next review is within the warning period, or past.

    Args:
        school_ids: restrict to these schools; None for every school.
        today: the day to judge from (defaults to today).

    Returns:
        A list of pages, soonest review first (one query per page type).
    """
    cutoff = due_by(today)
    found = []
    for model in DOCUMENT_MODELS:
        queryset = (
            model.objects.live()
            .filter(next_review__lte=cutoff)
            .select_related("school", "policy_owner")
        )
        found += limit_to_schools(queryset, school_ids)
    found.sort(key=lambda page: (page.next_review, page.title))
    return found


def recipient(page):
    """Who is reminded about ``page``: its owner, or the school's SENCO if it has none."""
    owner = page.policy_owner
    if owner is not None and owner.is_active and owner.email:
        return owner.email
    return page.school.senco_email if page.school else ""


def send_reminders(today=None):
    """Email each owner one list of their documents due for review.

    Returns:
        ``(sent, unaddressed)``: the emails sent as (address, pages), and the pages
        nobody could be emailed about.
    """
    by_address = defaultdict(list)
    unaddressed = []
    for page in documents_due(today=today):
        address = recipient(page)
        (by_address[address] if address else unaddressed).append(page)
    sent = []
    base_url = get_admin_base_url() or ""
    for address, pages in sorted(by_address.items()):
        rows = [
            (page, base_url + reverse("wagtailadmin_pages:edit", args=[page.pk])) for page in pages
        ]
        body = render_to_string("wagtail_send/policies/email/reminder.txt", {"rows": rows})
        send_mail(
            _("Policies due for review"),
            body,
            send_settings.FROM_EMAIL or None,
            [address],
        )
        sent.append((address, pages))
    return sent, unaddressed
