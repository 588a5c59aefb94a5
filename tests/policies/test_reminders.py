"""Review reminders: the SENCO's dashboard panel and the emailing command."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.conftest import use_mail_backend
from wagtail_send.models import SentReminder
from wagtail_send.policies.reminders import documents_due

from .conftest import make_policy

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 22)


@pytest.fixture
def policies(index, people, make_user):
    owner = people["senco"]
    return {
        "overdue": make_policy(index, "Overdue", TODAY - datetime.timedelta(days=1), owner=owner),
        "today": make_policy(index, "Due today", TODAY, owner=owner),
        "edge": make_policy(index, "Due in 30", TODAY + datetime.timedelta(days=30), owner=owner),
        "later": make_policy(index, "Later", TODAY + datetime.timedelta(days=31), owner=owner),
        "draft": make_policy(index, "Draft", TODAY, owner=owner, live=False),
        "no_owner": make_policy(index, "No owner", TODAY - datetime.timedelta(days=5)),
    }


def test_exactly_the_due_policies_are_selected(policies):
    due = [page.title for page in documents_due(today=TODAY)]
    assert due == ["No owner", "Overdue", "Due today", "Due in 30"]


def test_command_emails_each_owner_once(policies, school):
    school.senco_email = "senco-office@oakfield.example"
    school.save()
    call_command("send_policy_reminders", date=TODAY.isoformat())
    assert sorted(m.to[0] for m in mail.outbox) == [
        "senco-office@oakfield.example",  # the policy with no owner goes to the school's SENCO
        "senco@school.example",
    ]
    owner_mail = next(m for m in mail.outbox if m.to == ["senco@school.example"])
    assert "Overdue" in owner_mail.body and "Due in 30" in owner_mail.body
    assert "Later" not in owner_mail.body and "Draft" not in owner_mail.body
    assert "http://testserver/admin/pages/" in owner_mail.body


def remind(*args):
    out = StringIO()
    call_command("send_policy_reminders", "--date", TODAY.isoformat(), *args, stdout=out)
    return out.getvalue()


def test_running_the_command_twice_emails_once(policies, school):
    school.senco_email = "senco-office@oakfield.example"
    school.save()
    remind()
    assert len(mail.outbox) == 2
    assert "0 reminders sent, 2 skipped as sent recently" in remind()
    assert len(mail.outbox) == 2


def test_after_the_interval_or_with_force_the_owner_is_emailed_again(policies, settings):
    settings.WAGTAILSEND_REMINDER_INTERVAL_DAYS = 7
    remind()
    assert "Emailed senco@school.example: Policies due for review" in remind("--force")
    SentReminder.objects.update(sent_at=timezone.now() - datetime.timedelta(days=7))
    assert "Skipped" not in remind()
    assert [m.to for m in mail.outbox] == [["senco@school.example"]] * 3


def test_a_new_review_date_is_reminded_at_once_with_the_whole_list(policies):
    remind()
    page = policies["today"]
    page.next_review = TODAY + datetime.timedelta(days=7)
    page.save_revision().publish(skip_permission_checks=True)
    assert "Emailed senco@school.example: Policies due for review" in remind()
    assert "Due today" in mail.outbox[-1].body and "Overdue" in mail.outbox[-1].body


def test_an_email_that_failed_to_send_is_sent_next_time(policies, settings, mail_server_down):
    with pytest.raises(OSError):
        remind()
    assert not SentReminder.objects.exists()
    use_mail_backend(settings, "django.core.mail.backends.locmem.EmailBackend")  # back up
    assert "Emailed senco@school.example: Policies due for review" in remind()


def test_the_date_sets_the_status_the_email_shows(index, people):
    owner = people["senco"]
    make_policy(index, "Accessibility plan", datetime.date(2028, 11, 20), owner=owner)
    call_command("send_policy_reminders", "--date", "2028-11-01", stdout=StringIO())
    assert "20 November 2028, review due" in mail.outbox[-1].body
    call_command("send_policy_reminders", "--date", "2028-12-01", "--force", stdout=StringIO())
    assert "20 November 2028, overdue" in mail.outbox[-1].body


def test_a_dry_run_says_who_and_sends_and_logs_nothing(policies):
    out = remind("--dry-run")
    assert "Would email senco@school.example: Policies due for review" in out
    assert mail.outbox == [] and not SentReminder.objects.exists()


def test_command_rejects_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_policy_reminders", date="22/11/2026")


def test_dashboard_panel_for_senco_not_governor(client, index, people):
    today = timezone.localdate()
    make_policy(index, "Accessibility plan", today - datetime.timedelta(days=3))
    make_policy(index, "Medical conditions", today + datetime.timedelta(days=300))
    client.force_login(people["senco"])
    html = client.get("/admin/").content.decode()
    assert "Policies due for review" in html
    assert "Accessibility plan" in html and "Medical conditions" not in html

    client.force_login(people["governor"])
    assert "Policies due for review" not in client.get("/admin/").content.decode()
