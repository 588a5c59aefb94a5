"""Reminders to check directory entries that have not been checked for too long."""

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail_send.conf import send_settings
from wagtail_send.reminders import Reminder

from .models import Service


def recipient(service):
    """Who checks ``service``: ``(address, account)``.

    Its maintainer, or the school's SENCO address (no account) if it has none; the address
    is empty when there is nobody to email.
    """
    maintainer = service.maintainer
    if maintainer is not None and maintainer.is_active and maintainer.email:
        return maintainer.email, maintainer
    return service.school.senco_email, None


def reminder_key(service):
    """The entry and when it was last checked: checked and gone stale again is a new key."""
    checked = service.last_verified_on.isoformat() if service.last_verified_on else "never"
    return f"directory:service:{service.pk}:{checked}"


def _line(service):
    if service.last_verified_on is None:
        status = _("never checked")
    else:
        day = date_format(service.last_verified_on, "j F Y")
        status = _("last checked %(day)s") % {"day": day}
    return f"- {service.name} ({service.school}): {status}"


def reminders_due(today):
    """One email to each maintainer (or SENCO) listing the entries stale on ``today``."""
    sender = send_settings.FROM_EMAIL or settings.DEFAULT_FROM_EMAIL
    days = send_settings.DIRECTORY_STALE_AFTER_DAYS
    by_recipient = {}
    services = Service.objects.stale(today).select_related("maintainer", "school")
    for service in services.order_by("name"):
        address, account = recipient(service)
        if address:
            by_recipient.setdefault((address, account), []).append(service)
    reminders = []
    for (address, account), services in by_recipient.items():
        subject = ngettext(
            "%(count)s service directory entry to check",
            "%(count)s service directory entries to check",
            len(services),
        ) % {"count": len(services)}
        body = _(
            "These entries have not been checked for %(days)s days or more. Please check the "
            "details are still right and mark them as checked:\n\n%(lines)s\n"
        ) % {"days": days, "lines": "\n".join(map(_line, services))}
        keys = tuple(map(reminder_key, services))
        reminders.append(Reminder((subject, body, sender, [address]), account, keys))
    return reminders
