"""Reminder emails that go to a person at most once per interval, whoever runs the command.

Reminder commands run from cron; a misfire, or a daily schedule for a weekly reminder,
would send the same email again. A feature app describes each email as a
:class:`Reminder` (the message, the account it goes to, and keys naming what it is
about) and hands the list to :func:`send_once`, which leaves out those sent within
``WAGTAILSEND_REMINDER_INTERVAL_DAYS`` and logs the rest in
:class:`~wagtail_send.models.SentReminder` once the mail server has taken them.

A key names the thing *and* the date it is due, for example
``"policies:page:12:2027-01-31"``: a new due date is a new key, so it is reminded at once.

Every reminder command subclasses :class:`ReminderCommand`, which gives them the same
options (``--date``, ``--dry-run``, ``--force``) and report; a command only says what is
due on a day.
"""

import datetime
from dataclasses import dataclass

from django.core.mail import send_mass_mail
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .conf import send_settings
from .models import SentReminder


@dataclass(frozen=True)
class Reminder:
    """One email: ``(subject, body, from_email, [address])`` as ``send_mass_mail`` takes it.

    ``recipient`` is the account the address belongs to, or None for an address with no
    account (a school's SENCO address). ``keys`` name everything the email reminds about;
    it is sent again once any of them has not been sent to the recipient recently.
    """

    message: tuple
    recipient: object
    keys: tuple[str, ...]


def _cutoff(now):
    return now - datetime.timedelta(days=send_settings.REMINDER_INTERVAL_DAYS)


def not_sent_recently(reminders, now=None):
    """The reminders with at least one key not sent to their recipient within the interval."""
    now = now or timezone.now()
    keys = {key for reminder in reminders for key in reminder.keys}
    recent = set(
        SentReminder.objects.filter(key__in=keys, sent_at__gt=_cutoff(now)).values_list(
            "key", "recipient_id"
        )
    )
    return [
        reminder
        for reminder in reminders
        if any((key, _pk(reminder.recipient)) not in recent for key in reminder.keys)
    ]


def record_sent(reminders, now=None):
    """Log ``reminders`` as sent at ``now``; forget those too old to stop anything."""
    now = now or timezone.now()
    with transaction.atomic():
        SentReminder.objects.filter(sent_at__lte=_cutoff(now)).delete()
        SentReminder.objects.bulk_create(
            SentReminder(key=key, recipient_id=_pk(reminder.recipient), sent_at=now)
            for reminder in reminders
            for key in reminder.keys
        )


def send_once(reminders, force=False):
    """Send the reminders not sent recently (all of them with ``force``) and log them.

    Nothing is logged if sending fails, so the next run tries again.

    Returns:
        ``(sent, skipped)``: the reminders sent, and how many were left out as sent recently.
    """
    due = list(reminders) if force else not_sent_recently(reminders)
    if due:
        send_mass_mail([reminder.message for reminder in due])
        record_sent(due)
    return due, len(reminders) - len(due)


def _pk(user):
    return user.pk if user is not None else None


def _day(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("--date must be a day written YYYY-MM-DD, such as 2027-01-31, not %(value)r.")
            % {"value": value}
        ) from None


class ReminderCommand(BaseCommand):
    """A reminder command: subclasses say what is due in :meth:`reminders`.

    ``--date`` judges what is due, and how the emails describe it, as on that day; whether
    a reminder was sent recently is always judged by when it really went.
    """

    def add_arguments(self, parser):
        parser.add_argument("--date", help=_("Run as on this day (YYYY-MM-DD) instead of today."))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("List who would be emailed about what; send and log nothing."),
        )
        parser.add_argument(
            "--force", action="store_true", help=_("Send even to people reminded recently.")
        )

    def reminders(self, today, **options):
        """The :class:`Reminder` list due on ``today``; ``options`` are the command's own."""
        raise NotImplementedError

    def handle(self, *args, date=None, dry_run=False, force=False, **options):
        # Parsed here, not by argparse, so call_command(date="...") is checked too.
        reminders = self.reminders(_day(date) if date else timezone.localdate(), **options)
        if dry_run:
            sent = list(reminders) if force else not_sent_recently(reminders)
            skipped = len(reminders) - len(sent)
            line = _("Would email %(to)s: %(subject)s")
            summary = ngettext(
                "%(sent)s reminder would be sent, %(skipped)s skipped as sent recently.",
                "%(sent)s reminders would be sent, %(skipped)s skipped as sent recently.",
                len(sent),
            )
        else:
            sent, skipped = send_once(reminders, force=force)
            line = _("Emailed %(to)s: %(subject)s")
            summary = ngettext(
                "%(sent)s reminder sent, %(skipped)s skipped as sent recently.",
                "%(sent)s reminders sent, %(skipped)s skipped as sent recently.",
                len(sent),
            )
        for reminder in sent:
            subject, _body, _sender, to = reminder.message
            self.stdout.write(line % {"to": ", ".join(to), "subject": subject})
        self.stdout.write(self.style.SUCCESS(summary % {"sent": len(sent), "skipped": skipped}))
