"""The half-term rota around its boundaries, and the reminder emails to teams that are due."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.conftest import use_mail_backend
from wagtail_send.learning_wall.models import HalfTerm, Team
from wagtail_send.learning_wall.reminders import reminders_for
from wagtail_send.learning_wall.rota import rota_status
from wagtail_send.models import SentReminder

pytestmark = pytest.mark.django_db

D = datetime.date


def at(day, hour=12):
    """An aware moment on ``day`` in the school's time zone (Europe/London)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def calendar(school, people, make_user):
    year3 = Team.objects.create(school=school, name="Year 3")
    year3.members.add(people["staff"])
    year5 = Team.objects.create(school=school, name="Year 5")
    ta = make_user("assistant", school=school, role="staff")
    year5.members.add(ta)
    autumn1 = HalfTerm.objects.create(
        school=school, name="Autumn 1", starts_on=D(2026, 9, 3), ends_on=D(2026, 10, 23)
    )
    autumn2 = HalfTerm.objects.create(
        school=school, name="Autumn 2", starts_on=D(2026, 11, 2), ends_on=D(2026, 12, 18)
    )
    return {"year3": year3, "year5": year5, "autumn1": autumn1, "autumn2": autumn2, "ta": ta}


def names(teams):
    return [t.name for t in teams]


def test_every_team_is_due_on_the_first_day_and_posting_moves_it_to_posted(
    calendar, school, make_post
):
    status = rota_status(school, D(2026, 9, 3))
    assert status.current == calendar["autumn1"]
    assert names(status.due) == ["Year 3", "Year 5"] and status.posted == []
    make_post(team=calendar["year3"], created_at=at(D(2026, 9, 3), hour=0))
    status = rota_status(school, D(2026, 9, 3))
    assert names(status.posted) == ["Year 3"] and names(status.due) == ["Year 5"]


def test_a_post_late_on_the_last_day_counts_for_that_half_term(calendar, school, make_post):
    # 23:30 in London on 23 October is 22:30 UTC: still the 23rd at school.
    make_post(team=calendar["year5"], created_at=at(D(2026, 10, 23), hour=23))
    status = rota_status(school, D(2026, 10, 23))
    assert names(status.posted) == ["Year 5"]


def test_teams_that_missed_a_half_term_are_overdue_in_the_holiday_and_after(
    calendar, school, make_post
):
    make_post(team=calendar["year3"], created_at=at(D(2026, 10, 1)))
    # Half-term holiday: nothing is due, Year 5 is overdue for Autumn 1.
    status = rota_status(school, D(2026, 10, 24))
    assert status.current is None and status.due == []
    assert status.previous == calendar["autumn1"] and names(status.overdue) == ["Year 5"]
    # First day of Autumn 2: both due again; Year 5 still overdue.
    status = rota_status(school, D(2026, 11, 2))
    assert names(status.due) == ["Year 3", "Year 5"] and names(status.overdue) == ["Year 5"]


def test_a_catch_up_post_clears_overdue(calendar, school, make_post):
    make_post(team=calendar["year5"], created_at=at(D(2026, 11, 5)))
    status = rota_status(school, D(2026, 11, 6))
    assert status.overdue == [calendar["year3"]]
    assert names(status.posted) == ["Year 5"]


def test_archived_posts_do_not_count(calendar, school, make_post):
    post = make_post(team=calendar["year3"], created_at=at(D(2026, 11, 5)))
    post.archive()
    assert names(rota_status(school, D(2026, 11, 6)).due) == ["Year 3", "Year 5"]


def test_only_the_chosen_teams_are_due_when_the_senco_names_them(calendar, school):
    calendar["autumn2"].teams_due.set([calendar["year5"]])
    status = rota_status(school, D(2026, 11, 10))
    assert names(status.due) == ["Year 5"]


def test_reminders_go_to_members_of_teams_still_due(calendar, school, people, make_post):
    make_post(team=calendar["year3"], created_at=at(D(2026, 11, 4)))
    emails = [reminder.message for reminder in reminders_for(school, D(2026, 11, 9))]
    assert [e[3] for e in emails] == [[calendar["ta"].email]]
    assert "Year 5" in emails[0][0] and "Autumn 2" in emails[0][1]
    assert "18 December 2026" in emails[0][1]


def test_no_reminders_in_the_holidays(calendar, school):
    assert reminders_for(school, D(2026, 10, 28)) == []


def test_the_reminder_command_sends_the_emails(calendar, school, people):
    call_command(
        "send_learning_wall_reminders",
        "--date",
        "2026-11-09",
        f"--school={school.pk}",
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [people["staff"].email, calendar["ta"].email]
    )
    assert "/send/learning-wall/posts/new/" in mail.outbox[0].body


def remind(*args):
    out = StringIO()
    call_command("send_learning_wall_reminders", *args, stdout=out)
    return out.getvalue()


def test_running_the_reminder_command_twice_sends_once(calendar, school):
    remind("--date", "2026-11-09")
    assert len(mail.outbox) == 2
    assert "0 reminders sent, 2 skipped as sent recently" in remind("--date", "2026-11-10")
    assert len(mail.outbox) == 2


def test_reminders_go_again_after_the_interval_or_with_force(calendar, school, settings):
    settings.WAGTAILSEND_REMINDER_INTERVAL_DAYS = 7
    remind("--date", "2026-11-09")
    assert "2 reminders sent" in remind("--date", "2026-11-09", "--force")
    SentReminder.objects.update(sent_at=timezone.now() - datetime.timedelta(days=7))
    assert "2 reminders sent, 0 skipped" in remind("--date", "2026-11-16")
    assert len(mail.outbox) == 6


def test_a_new_half_term_is_reminded_at_once(calendar, school):
    remind("--date", "2026-10-05")  # Autumn 1
    assert "2 reminders sent, 0 skipped" in remind("--date", "2026-11-02")  # Autumn 2
    assert [m.subject for m in mail.outbox].count(mail.outbox[0].subject) == 2


def test_a_reminder_that_failed_to_send_is_sent_next_time(
    calendar, school, settings, mail_server_down
):
    with pytest.raises(OSError):
        remind("--date", "2026-11-09")
    assert not SentReminder.objects.exists()
    use_mail_backend(settings, "django.core.mail.backends.locmem.EmailBackend")  # back up
    assert "2 reminders sent" in remind("--date", "2026-11-09")


def test_the_reminder_command_reports_a_bad_date(calendar):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--date must be"):
        call_command("send_learning_wall_reminders", "--date", "next monday")


def test_the_wall_shows_the_rota(client, people, school, wall, make_post):
    today = timezone.localdate()
    team = Team.objects.create(school=school, name="Reception")
    Team.objects.create(school=school, name="Year 6")
    HalfTerm.objects.create(
        school=school,
        name="This half-term",
        starts_on=today - datetime.timedelta(days=3),
        ends_on=today + datetime.timedelta(days=30),
    )
    make_post(team=team)
    client.force_login(people["staff"])
    html = client.get(wall.url).content.decode()
    assert "Rota for This half-term" in html
    due, posted = html.split("Due to post")[1].split("Have posted")
    assert "Year 6" in due and "Reception" not in due
    assert "Reception" in posted.split("</dd>")[0]
