"""Reminder emails to the teams due to post on the wall this half-term."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from wagtail_send.conf import send_settings
from wagtail_send.reminders import Reminder

from .rota import rota_status


def reminders_for(school, today=None, wall_url=""):
    """One email per member of each team still due to post at ``school`` on ``today``.

    Returns:
        A list of :class:`~wagtail_send.reminders.Reminder`, keyed by team and half-term
        so each person hears once per interval, and at once when a new half-term starts.
    """
    status = rota_status(school, today)
    if status.current is None:
        return []
    sender = send_settings.FROM_EMAIL or settings.DEFAULT_FROM_EMAIL
    messages = []
    for team in status.due:
        key = f"learning_wall:team:{team.pk}:halfterm:{status.current.pk}"
        for person in team.members.filter(is_active=True).exclude(email=""):
            subject = _("Learning wall: %(team)s is due to post this half-term") % {
                "team": team.name
            }
            body = render_to_string(
                "wagtail_send/learning_wall/reminder_email.txt",
                {
                    "person": person,
                    "team": team,
                    "half_term": status.current,
                    "school": school,
                    "wall_url": wall_url,
                },
            )
            messages.append(Reminder((subject, body, sender, [person.email]), person, (key,)))
    return messages
