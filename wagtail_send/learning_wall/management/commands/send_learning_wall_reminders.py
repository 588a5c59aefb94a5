"""Email every team still due to post on the learning wall this half-term.

Run it from cron, for example weekly on Monday morning:
``manage.py send_learning_wall_reminders``. ``--date`` is for trying a day out. Someone
reminded within ``WAGTAILSEND_REMINDER_INTERVAL_DAYS`` is not reminded again for the same
half-term unless ``--force`` is given.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from wagtail_send.models import School

from ...reminders import send_reminders


class Command(BaseCommand):
    help = "Email the teams due to post on the learning wall this half-term."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Pretend today is this day (YYYY-MM-DD).")
        parser.add_argument("--school", type=int, help="Only this school (its id).")
        parser.add_argument(
            "--force", action="store_true", help="Send even to people reminded recently."
        )

    def handle(self, *args, date=None, school=None, force=False, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(f"--date must look like 2026-11-23, not {date!r}.") from None
        schools = School.objects.all()
        if school is not None:
            schools = schools.filter(pk=school)
            if not schools.exists():
                raise CommandError(f"There is no school with id {school}.")
        base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
        url = base + reverse("wagtail_send_learning_wall:create")
        total = total_skipped = 0
        for each in schools:
            sent, skipped = send_reminders(each, today, wall_url=url, force=force)
            total += sent
            total_skipped += skipped
            self.stdout.write(
                f"{each}: {sent} reminder(s) sent, {skipped} skipped as sent recently."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{total} reminder(s) sent in all, {total_skipped} skipped as sent recently."
            )
        )
