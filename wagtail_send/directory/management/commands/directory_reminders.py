"""Email each maintainer the directory entries they keep that are due for a check.

Run it daily or weekly from cron. Entries with no maintainer go to the school's SENCO
(the SENCO email on the school's settings).
"""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail_send.conf import send_settings
from wagtail_send.directory.models import Service


def reminders():
    """``{email: [service, ...]}`` of stale entries, by whom should check them."""
    due = {}
    services = Service.objects.stale().select_related("maintainer", "school").order_by("name")
    for service in services:
        if service.maintainer and service.maintainer.is_active and service.maintainer.email:
            email = service.maintainer.email
        else:
            email = service.school.senco_email
        if email:
            due.setdefault(email, []).append(service)
    return due


class Command(BaseCommand):
    help = "Remind maintainers of service-directory entries that have not been checked lately."

    def handle(self, *args, **options):
        sender = send_settings.FROM_EMAIL or settings.DEFAULT_FROM_EMAIL
        days = send_settings.DIRECTORY_STALE_AFTER_DAYS
        sent = 0
        for email, services in reminders().items():
            lines = "\n".join(f"- {s.name} ({s.school})" for s in services)
            subject = ngettext(
                "%(count)s service directory entry to check",
                "%(count)s service directory entries to check",
                len(services),
            ) % {"count": len(services)}
            body = _(
                "These entries have not been checked for %(days)s days. Please check the "
                "details are still right and mark them as checked:\n\n%(lines)s\n"
            ) % {"days": days, "lines": lines}
            send_mail(subject, body, sender, [email])
            sent += 1
        self.stdout.write(
            ngettext("Sent %(n)s reminder.", "Sent %(n)s reminders.", sent) % {"n": sent}
        )
