"""Reminder emails go to a person once per interval, however often the command runs."""

import datetime
import json
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail_send.models import SentReminder
from wagtail_send.reminders import Reminder, send_once


def reminder(person, *keys):
    address = person.email if person else "senco-office@oakfield.example"
    return Reminder(("Reminder", "Please post.", None, [address]), person, keys)


def days_pass(days):
    """Move every logged reminder ``days`` into the past, as if that time had gone by."""
    for row in SentReminder.objects.all():
        row.sent_at -= datetime.timedelta(days=days)
        row.save()


def test_the_same_reminder_twice_sends_once(people):
    teacher = people["staff"]
    assert len(send_once([reminder(teacher, "wall:team:1")])[0]) == 1
    sent, skipped = send_once([reminder(teacher, "wall:team:1")])
    assert (sent, skipped) == ([], 1)
    assert [m.to for m in mail.outbox] == [[teacher.email]]


def test_others_and_new_keys_are_reminded_at_once(people):
    teacher, senco = people["staff"], people["senco"]
    send_once([reminder(teacher, "policies:page:1:2027-01-31")])
    sent, skipped = send_once(
        [
            reminder(senco, "policies:page:1:2027-01-31"),  # someone else
            reminder(teacher, "policies:page:1:2027-03-31"),  # a new review date
            reminder(None, "policies:page:1:2027-01-31"),  # an address with no account
        ]
    )
    assert (len(sent), skipped) == (3, 0)


def test_a_list_is_sent_again_when_one_of_its_keys_is_new(people):
    send_once([reminder(people["senco"], "policies:page:1:2027-01-31")])
    sent, _ = send_once([reminder(people["senco"], "policies:page:1:2027-01-31", "page:2")])
    assert len(sent) == 1 and len(mail.outbox) == 2


def test_after_the_interval_the_reminder_goes_again(people, settings):
    settings.WAGTAILSEND_REMINDER_INTERVAL_DAYS = 7
    send_once([reminder(people["staff"], "wall:team:1")])
    days_pass(6)
    assert send_once([reminder(people["staff"], "wall:team:1")]) == ([], 1)
    days_pass(1)
    assert len(send_once([reminder(people["staff"], "wall:team:1")])[0]) == 1
    assert len(mail.outbox) == 2


def test_rows_too_old_to_stop_anything_are_deleted(people):
    send_once([reminder(people["staff"], "wall:team:1")])
    days_pass(30)
    send_once([reminder(people["senco"], "wall:team:2")])
    assert list(SentReminder.objects.values_list("key", flat=True)) == ["wall:team:2"]


def test_an_interval_of_zero_sends_every_time(people, settings):
    settings.WAGTAILSEND_REMINDER_INTERVAL_DAYS = 0
    send_once([reminder(people["staff"], "wall:team:1")])
    send_once([reminder(people["staff"], "wall:team:1")])
    assert len(mail.outbox) == 2


def test_force_sends_what_was_sent_recently(people):
    send_once([reminder(people["staff"], "wall:team:1")])
    sent, skipped = send_once([reminder(people["staff"], "wall:team:1")], force=True)
    assert (len(sent), skipped) == (1, 0)
    assert len(mail.outbox) == 2


def test_nothing_is_logged_when_sending_fails(people, mail_server_down):
    with pytest.raises(OSError):
        send_once([reminder(people["staff"], "wall:team:1")])
    assert not SentReminder.objects.exists()


def test_a_negative_interval_is_refused(people, settings):
    settings.WAGTAILSEND_REMINDER_INTERVAL_DAYS = -1
    with pytest.raises(ImproperlyConfigured, match="must not be negative"):
        send_once([reminder(people["staff"], "wall:team:1")])


def test_the_log_is_in_a_subject_access_export_and_goes_with_the_account(people):
    teacher = people["staff"]
    send_once([reminder(teacher, "wall:team:1"), reminder(people["senco"], "wall:team:1")])
    out = StringIO()
    call_command("export_personal_data", teacher.username, stdout=out)
    rows = json.loads(out.getvalue())["wagtail_send.SentReminder"]
    assert [(row["key"], row["recipient_id"]) for row in rows] == [("wall:team:1", teacher.pk)]
    teacher.delete()
    assert list(SentReminder.objects.values_list("recipient", flat=True)) == [people["senco"].pk]


COMMANDS = [
    "send_policy_reminders",
    "send_acknowledgement_reminders",
    "send_learning_wall_reminders",
    "send_directory_reminders",
    "send_skills_audit_reminders",
]


def test_every_reminder_command_is_named_alike_and_sends_through_send_once():
    from django.core.management import get_commands, load_command_class

    from wagtail_send.reminders import ReminderCommand

    ours = {name: app for name, app in get_commands().items() if app.startswith("wagtail_send")}
    reminding = {name for name in ours if "remind" in name}
    assert reminding == set(COMMANDS)
    for name in reminding:
        assert name.startswith("send_") and name.endswith("_reminders"), name
        command = load_command_class(ours[name], name)
        # ReminderCommand.handle is the one path to send_once; a command may not replace it.
        assert isinstance(command, ReminderCommand), name
        assert type(command).handle is ReminderCommand.handle, name


@pytest.mark.django_db
@pytest.mark.parametrize("command", COMMANDS)
def test_every_reminder_command_refuses_a_bad_date_clearly(command):
    with pytest.raises(CommandError, match="--date must be a day written YYYY-MM-DD"):
        call_command(command, "--date", "31/01/2027")


@pytest.mark.django_db
@pytest.mark.parametrize("command", COMMANDS)
def test_every_reminder_command_takes_the_same_options(command):
    out = StringIO()
    call_command(command, "--date", "2027-01-31", "--dry-run", "--force", stdout=out)
    assert "0 reminders would be sent, 0 skipped as sent recently." in out.getvalue()
