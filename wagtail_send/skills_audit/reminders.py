"""Reminders to people asked to answer an open audit who have not sent their answers."""

from django.urls import reverse
from django.utils.translation import gettext as _

from wagtail_send.conf import send_settings
from wagtail_send.reminders import Reminder

from .models import Campaign, Response


def people_to_remind(campaign):
    """Active people in the audit's audience who have not sent answers, with an email."""
    sent = Response.objects.active().filter(campaign=campaign, submitted_at__isnull=False)
    members = (
        campaign.audience_memberships()
        .exclude(user_id__in=sent.values("created_by_id"))
        .exclude(user__email="")
        .select_related("user")
    )
    return list({m.user_id: m.user for m in members}.values())


def reminders_due(today, base_url=""):
    """One email to each person still to answer an audit open on ``today``.

    Keyed by audit and closing date, so a moved closing date reminds at once.
    """
    reminders = []
    sender = send_settings.FROM_EMAIL or None
    for campaign in Campaign.objects.active().filter(opens_on__lte=today, closes_on__gte=today):
        link = base_url + reverse("wagtail_send_skills_audit:answer", args=[campaign.pk])
        for person in people_to_remind(campaign):
            body = _(
                "Dear %(name)s,\n\nThe staff-skills audit “%(title)s” closes on %(closes)s. "
                "It takes about ten minutes, and you can save and come back later:\n%(link)s\n\n"
                "Only you and the SENCO see your answers."
            ) % {
                "name": person.get_full_name() or person.get_username(),
                "title": campaign.title,
                "closes": campaign.closes_on.strftime("%-d %B %Y"),
                "link": link,
            }
            subject = _("Reminder: %(title)s skills audit") % {"title": campaign.title}
            key = f"skills_audit:campaign:{campaign.pk}:{campaign.closes_on.isoformat()}"
            reminders.append(Reminder((subject, body, sender, [person.email]), person, (key,)))
    return reminders
