"""Remind staff of the policies they are asked to read and have not confirmed (run by cron).

Someone reminded about the same versions within ``WAGTAILSEND_REMINDER_INTERVAL_DAYS`` is
not emailed again unless ``--force`` is given; a new version is reminded at once.
"""

from wagtail_send.reminders import ReminderCommand

from ...reminders import reading_reminders


class Command(ReminderCommand):
    help = "Email each member of staff the policies they are asked to read and have not yet."

    def reminders(self, today, **options):
        return reading_reminders()
