"""Reminders to people asked to answer an open audit who have not sent their answers."""

from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_send.conf import send_settings

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


def send_reminders(base_url="", today=None):
    """Email everyone still to answer an open audit. Returns the number of emails."""
    today = today or timezone.localdate()
    messages = []
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
            messages.append((subject, body, sender, [person.email]))
    if messages:
        send_mass_mail(messages, fail_silently=False)
    return len(messages)
