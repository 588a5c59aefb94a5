"""Email owners whose policies are due or overdue for review (run daily or weekly by cron).

An owner reminded about the same documents within ``WAGTAILSEND_REMINDER_INTERVAL_DAYS``
is not emailed again unless ``--force`` is given.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from ...reminders import send_reminders


class Command(BaseCommand):
    help = "Email owners a list of their policies that are due or overdue for review."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Judge as if today were this date (YYYY-MM-DD).")
        parser.add_argument(
            "--force", action="store_true", help="Send even to owners reminded recently."
        )

    def handle(self, *args, date=None, force=False, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError:
                raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}.") from None
        sent, skipped, unaddressed = send_reminders(today=today, force=force)
        for address, pages in sent:
            self.stdout.write(f"Reminded {address} about {len(pages)} document(s).")
        if skipped:
            self.stdout.write(
                f"Skipped {skipped} email(s) to owners reminded about the same documents "
                "recently (--force sends them)."
            )
        for page in unaddressed:
            self.stderr.write(
                f"Nobody to remind about {page.title!r} (page {page.pk}): "
                "give it an owner with an email address, or set the school's SENCO email."
            )
        if not sent and not skipped and not unaddressed:
            self.stdout.write("No policies are due for review.")
