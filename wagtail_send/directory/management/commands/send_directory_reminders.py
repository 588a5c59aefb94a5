"""Email each maintainer the directory entries they keep that are due for a check.

Run it daily or weekly from cron. Entries with no maintainer go to the school's SENCO
(the SENCO email on the school's settings). Someone reminded about the same entries within
``WAGTAILSEND_REMINDER_INTERVAL_DAYS`` is not emailed again unless ``--force`` is given.
"""

from wagtail_send.reminders import ReminderCommand

from ...reminders import reminders_due


class Command(ReminderCommand):
    help = "Remind maintainers of service-directory entries that have not been checked lately."

    def reminders(self, today, **options):
        return reminders_due(today)
