"""Email every team still due to post on the learning wall this half-term.

Run it from cron, for example weekly on Monday morning:
``manage.py send_learning_wall_reminders``. ``--date`` is for trying a day out.
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

    def handle(self, *args, date=None, school=None, **options):
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
        total = 0
        for each in schools:
            sent = send_reminders(each, today, wall_url=url)
            total += sent
            self.stdout.write(f"{each}: {sent} reminder(s) sent.")
        self.stdout.write(self.style.SUCCESS(f"{total} reminder(s) sent in all."))
