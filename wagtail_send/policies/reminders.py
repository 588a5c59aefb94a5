"""Which policies are due for review, and the reminder email to their owners."""

from collections import defaultdict

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_admin_base_url

from ..conf import send_settings
from ..reminders import Reminder
from .approval import person_name
from .models import DOCUMENT_MODELS, due_by, review_status
from .reading import Acknowledgement, readers
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
    """Who is reminded about ``page``: ``(address, account)``.

    Its owner, or the school's SENCO address (no account) if it has none; the address is
    empty when there is nobody to email.
    """
    owner = page.policy_owner
    if owner is not None and owner.is_active and owner.email:
        return owner.email, owner
    return (page.school.senco_email if page.school else ""), None


def reminder_key(page):
    """What a reminder about ``page`` is about: the page and its review date.

    A changed review date makes a new key, so the owner is reminded at once.
    """
    return f"policies:page:{page.pk}:{page.next_review.isoformat()}"


def reminders_due(today):
    """One email per owner listing their documents due for review on ``today``.

    Each document's status (due or overdue) is judged on ``today`` too. The email goes again
    once one of its documents is new or re-dated, with the whole list.

    Returns:
        ``(reminders, unaddressed)``: the :class:`~wagtail_send.reminders.Reminder` list,
        and the pages nobody could be emailed about.
    """
    by_recipient = defaultdict(list)
    unaddressed = []
    for page in documents_due(today=today):
        address, account = recipient(page)
        (by_recipient[address, account] if address else unaddressed).append(page)
    base_url = get_admin_base_url() or ""
    reminders = []
    for (address, account), pages in sorted(by_recipient.items(), key=lambda item: item[0][0]):
        rows = [
            (
                page,
                review_status(page.next_review, today),
                base_url + reverse("wagtailadmin_pages:edit", args=[page.pk]),
            )
            for page in pages
        ]
        person = person_name(account) if account else pages[0].school.senco_name
        body = render_to_string(
            "wagtail_send/policies/email/reminder.txt", {"rows": rows, "person": person}
        )
        message = (_("Policies due for review"), body, send_settings.FROM_EMAIL or None, [address])
        reminders.append(Reminder(message, account, tuple(map(reminder_key, pages))))
    return reminders, unaddressed


def reading_reminders():
    """One email to each member of staff with "all staff to read" versions still unread.

    A key names the person's unread version, so a new version is reminded at once and
    the same one again only after the reminder interval.

    Returns:
        The :class:`~wagtail_send.reminders.Reminder` list.
    """
    unread = defaultdict(list)
    for model in DOCUMENT_MODELS:
        for page in model.objects.live().filter(staff_to_read=True).select_related("school"):
            read = set(
                Acknowledgement.objects.filter(revision_id=page.live_revision_id).values_list(
                    "user_id", flat=True
                )
            )
            for person in readers(page.school_id):
                if person.pk not in read and person.email:
                    unread[person].append(page)
    url = (get_admin_base_url() or "") + reverse("wagtail_send_policies:to_read")
    reminders = []
    for person, pages in sorted(unread.items(), key=lambda item: item[0].pk):
        pages.sort(key=lambda page: page.title)
        body = render_to_string(
            "wagtail_send/policies/email/to_read.txt",
            {"person": person_name(person), "pages": pages, "url": url},
        )
        message = (_("Policies to read"), body, send_settings.FROM_EMAIL or None, [person.email])
        keys = tuple(f"policies:read:{page.pk}:{page.live_revision_id}" for page in pages)
        reminders.append(Reminder(message, person, keys))
    return reminders
