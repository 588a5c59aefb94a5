"""Email everyone asked to answer an open skills audit who has not sent their answers.

Run it daily or weekly from cron; each person hears at most once per
``WAGTAILSEND_REMINDER_INTERVAL_DAYS`` for each audit unless ``--force`` is given.
"""

from django.utils.translation import gettext as _

from wagtail_send.reminders import ReminderCommand
from wagtail_send.skills_audit.reminders import reminders_due


class Command(ReminderCommand):
    help = "Email a reminder to everyone asked to answer an open skills audit who has not."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--base-url", default="", help=_("The intranet address, e.g. https://intranet.school")
        )

    def reminders(self, today, base_url="", **options):
        return reminders_due(today, base_url=base_url.rstrip("/"))
