"""Reminders to check directory entries: once per interval, as on the day asked for."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from wagtail_send.audit import acting_as
from wagtail_send.directory.models import Service
from wagtail_send.models import SentReminder

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(school, people, settings):
    settings.WAGTAILSEND_DIRECTORY_STALE_AFTER_DAYS = 365
    school.senco_email = "senco-office@oakfield.example"
    school.save()
    with acting_as(people["senco"], "test data"):
        return Service.objects.create(
            school=school,
            created_by=people["senco"],
            name="Northshire SENDIASS",
            maintainer=people["staff"],
            last_verified_on=datetime.date(2026, 1, 5),
        )


def remind(*args):
    out = StringIO()
    call_command("send_directory_reminders", *args, stdout=out)
    return out.getvalue()


def test_running_the_command_twice_emails_once(entry, people):
    assert "1 reminder sent, 0 skipped" in remind("--date", "2027-03-01")
    assert "0 reminders sent, 1 skipped as sent recently" in remind("--date", "2027-03-02")
    assert [m.to for m in mail.outbox] == [[people["staff"].email]]
    assert "Northshire SENDIASS (Oakfield" in mail.outbox[0].body
    assert "last checked 5 January 2026" in mail.outbox[0].body


def test_the_date_decides_what_is_stale(entry):
    assert "0 reminders sent" in remind("--date", "2026-12-01")
    assert "1 reminder sent" in remind("--date", "2027-01-06")


def test_an_entry_checked_and_stale_again_is_reminded_at_once(entry):
    remind("--date", "2027-03-01")
    with acting_as(entry.created_by, "checked"):
        entry.last_verified_on = datetime.date(2026, 2, 1)
        entry.save()
    assert "1 reminder sent, 0 skipped" in remind("--date", "2027-03-02")
    assert "last checked 1 February 2026" in mail.outbox[-1].body


def test_a_dry_run_says_who_and_sends_and_logs_nothing(entry, people):
    out = remind("--date", "2027-03-01", "--dry-run")
    assert f"Would email {people['staff'].email}: 1 service directory entry to check" in out
    assert "1 reminder would be sent" in out
    assert mail.outbox == [] and not SentReminder.objects.exists()
    # It does not count as sent: the real run still sends.
    assert "1 reminder sent" in remind("--date", "2027-03-01")
