"""The audit layer's own records: erasures done and legal holds placed.

They live beside the chain, not in :mod:`wagtail_send.models`, because erasure and the
PostgreSQL erasure function need them and the records need the audit layer.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .history import SendHistoricalRecords
from .queryset import HistoryManager


class ErasureRecord(models.Model):
    """A record erased for data protection: the fact is kept, the content is not."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    school = models.ForeignKey(
        "wagtail_send.School", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"))
    history_rows_removed = models.PositiveIntegerField(default=0)
    last_history_hash = models.CharField(max_length=64, blank=True)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    erased_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-erased_at"]
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")

    def __str__(self):
        return f"{self.content_type} #{self.object_id} erased {self.erased_at:%Y-%m-%d}"


class LegalHold(models.Model):
    """A record that must not be erased while a claim, tribunal or inquiry needs it.

    Placed and lifted through :func:`wagtail_send.audit.place_legal_hold` and
    :func:`wagtail_send.audit.lift_legal_hold`; :func:`wagtail_send.audit.erase` (and so
    retention) refuses a record with a hold that has not been lifted.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    school = models.ForeignKey(
        "wagtail_send.School", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"))
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    placed_at = models.DateTimeField(auto_now_add=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    history = SendHistoricalRecords()
    objects = HistoryManager()

    class Meta:
        ordering = ["-placed_at"]
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="wagtail_send_hold_obj")
        ]

    def __str__(self):
        return f"Legal hold on {self.content_type} #{self.object_id}"
