"""Email every team still due to post on the learning wall this half-term.

Run it from cron, for example weekly on Monday morning:
``manage.py send_learning_wall_reminders``. Someone reminded within
``WAGTAILSEND_REMINDER_INTERVAL_DAYS`` is not reminded again for the same half-term unless
``--force`` is given.
"""

from django.conf import settings
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail_send.models import School
from wagtail_send.reminders import ReminderCommand

from ...reminders import reminders_for


class Command(ReminderCommand):
    help = "Email the teams due to post on the learning wall this half-term."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--school", type=int, help=_("Only this school (its id)."))

    def reminders(self, today, school=None, **options):
        schools = School.objects.all()
        if school is not None:
            schools = schools.filter(pk=school)
            if not schools.exists():
                raise CommandError(_("There is no school with id %(id)s.") % {"id": school})
        base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
        url = base + reverse("wagtail_send_learning_wall:create")
        return [reminder for each in schools for reminder in reminders_for(each, today, url)]
