from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SentReminder(models.Model):
    """A reminder email that went to someone: what it was about, to whom, and when.

    Written by :mod:`wagtail_send.reminders` only after the mail was handed to the mail
    server, and read by it so a command run twice does not send the same reminder twice.
    Rows older than ``WAGTAILSEND_REMINDER_INTERVAL_DAYS`` are deleted when new ones are
    written: they no longer stop anything, so there is no reason to keep them.
    """

    key = models.CharField(
        _("about"),
        max_length=200,
        help_text=_("What the reminder was about, for example “policies:page:12:2027-01-31”."),
    )
    # The account, not the address: subject access and erasure (deleting the account)
    # then cover these rows like every other link to a person. Empty for an address that
    # belongs to no account, such as a school's SENCO address.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        indexes = [
            models.Index(fields=["key", "sent_at"], name="wagtail_send_reminder_key"),
            models.Index(fields=["sent_at"], name="wagtail_send_reminder_sent"),
        ]

    def __str__(self):
        return f"{self.key} to {self.recipient or '-'} at {self.sent_at:%Y-%m-%d %H:%M}"
