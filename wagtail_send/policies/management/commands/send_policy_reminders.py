"""Email owners whose policies are due or overdue for review (run daily or weekly by cron).

An owner reminded about the same documents within ``WAGTAILSEND_REMINDER_INTERVAL_DAYS``
is not emailed again unless ``--force`` is given.
"""

from django.utils.translation import gettext as _

from wagtail_send.reminders import ReminderCommand

from ...reminders import reminders_due


class Command(ReminderCommand):
    help = "Email owners a list of their policies that are due or overdue for review."

    def reminders(self, today, **options):
        reminders, unaddressed = reminders_due(today)
        for page in unaddressed:
            self.stderr.write(
                _(
                    "Nobody to remind about %(title)r (page %(pk)s): give it an owner with an "
                    "email address, or set the school's SENCO email."
                )
                % {"title": page.title, "pk": page.pk}
            )
        return reminders
