"""Review reminders: the SENCO's dashboard panel and the emailing command."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

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


def test_command_rejects_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_policy_reminders", date="22/11/2026")


def test_dashboard_panel_for_senco_not_governor(client, index, people):
    today = datetime.date.today()
    make_policy(index, "Accessibility plan", today - datetime.timedelta(days=3))
    make_policy(index, "Medical conditions", today + datetime.timedelta(days=300))
    client.force_login(people["senco"])
    html = client.get("/admin/").content.decode()
    assert "Policies due for review" in html
    assert "Accessibility plan" in html and "Medical conditions" not in html

    client.force_login(people["governor"])
    assert "Policies due for review" not in client.get("/admin/").content.decode()
