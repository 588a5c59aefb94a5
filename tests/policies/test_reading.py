"""Read and acknowledge: staff confirm each "all staff to read" version; the SENCO sees who."""

import csv
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from wagtail_send.policies.reading import Acknowledgement

from .conftest import publish_through_workflow

pytestmark = pytest.mark.django_db

TO_READ = reverse("wagtail_send_policies:to_read")


@pytest.fixture
def to_read(report, people):
    """The report's next version, marked for all staff to read and approved."""
    return publish_through_workflow(
        report,
        author=people["senco"],
        approver=people["governor"],
        staff_to_read=True,
        change_note="New complaints route",
    )


def read_by(client, page, fmt=""):
    name = "wagtail_send_policies:read_by_csv" if fmt == "csv" else "wagtail_send_policies:read_by"
    return client.get(reverse(name, args=[page.pk]))


def test_staff_confirm_with_one_click_and_the_senco_sees_who(client, to_read, people):
    client.force_login(people["staff"])
    listed = client.get(TO_READ)
    assert [page.pk for page in listed.context["documents"]] == [to_read.pk]
    assert "New complaints route" in listed.content.decode()

    response = client.post(
        reverse("wagtail_send_policies:acknowledge", args=[to_read.pk]), follow=True
    )
    assert "you have confirmed you read “SEN Information Report”" in response.content.decode()
    assert response.context["documents"] == []
    acknowledgement = Acknowledgement.objects.get()
    assert (acknowledgement.user, acknowledgement.revision_id) == (
        people["staff"],
        to_read.live_revision_id,
    )
    assert acknowledgement.history.get().history_user_id == people["staff"].pk

    client.force_login(people["senco"])
    response = read_by(client, to_read)
    assert [(person.username, ack is not None) for person, ack in response.context["rows"]] == [
        ("head", False),
        ("senco", False),
        ("teacher", True),
    ]
    assert "1 of 3 staff have confirmed they read this version." in response.content.decode()
    rows = list(csv.reader(io.StringIO(read_by(client, to_read, "csv").content.decode())))
    assert [row[:2] for row in rows] == [
        ["Person", "Read"],
        ["Head", "No"],
        ["Senco", "No"],
        ["Teacher", "Yes"],
    ]


def test_a_new_version_asks_again(client, to_read, people):
    client.force_login(people["staff"])
    client.post(reverse("wagtail_send_policies:acknowledge", args=[to_read.pk]))
    publish_through_workflow(
        to_read, author=people["senco"], approver=people["governor"], change_note="Again"
    )
    assert [page.pk for page in client.get(TO_READ).context["documents"]] == [to_read.pk]


def test_a_version_not_marked_asks_nobody(client, report, people):
    client.force_login(people["staff"])
    assert client.get(TO_READ).context["documents"] == []
    client.post(reverse("wagtail_send_policies:acknowledge", args=[report.pk]))
    assert not Acknowledgement.objects.exists()


@pytest.mark.parametrize("who", ["staff", "governor", "other_senco"])
def test_only_the_schools_senco_and_slt_see_who_has_read(client, to_read, people, who):
    client.force_login(people[who])
    assert read_by(client, to_read).status_code == 403
    assert read_by(client, to_read, "csv").status_code == 403


def test_reminders_go_once_to_those_who_have_not_read(client, to_read, people):
    client.force_login(people["staff"])
    client.post(reverse("wagtail_send_policies:acknowledge", args=[to_read.pk]))
    mail.outbox.clear()  # the workflow's own notices
    call_command("send_acknowledgement_reminders", stdout=io.StringIO())
    assert sorted(message.to[0] for message in mail.outbox) == [
        "head@school.example",
        "senco@school.example",
    ]
    body = next(m.body for m in mail.outbox if m.to == ["head@school.example"])
    assert body.startswith("Dear Head,") and "SEN Information Report" in body
    assert "http://testserver/send/policies/to-read/" in body

    call_command("send_acknowledgement_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 2  # not again within the interval
    publish_through_workflow(
        to_read, author=people["senco"], approver=people["governor"], change_note="Again"
    )
    mail.outbox.clear()
    call_command("send_acknowledgement_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 3  # the new version: everyone, the teacher too
