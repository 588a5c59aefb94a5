"""Reminder emails to the teams due to post on the wall this half-term."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from wagtail_send.conf import send_settings

from .rota import rota_status


def reminders_for(school, today=None, wall_url=""):
    """One email per member of each team still due to post at ``school`` on ``today``.

    Returns:
        A list of ``(subject, message, from_email, [recipient])`` tuples.
    """
    status = rota_status(school, today)
    if status.current is None:
        return []
    sender = send_settings.FROM_EMAIL or settings.DEFAULT_FROM_EMAIL
    messages = []
    for team in status.due:
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
            messages.append((subject, body, sender, [person.email]))
    return messages


def send_reminders(school, today=None, wall_url=""):
    """Send :func:`reminders_for` and return how many emails went."""
    messages = reminders_for(school, today, wall_url)
    return send_mass_mail(messages, fail_silently=False) if messages else 0
