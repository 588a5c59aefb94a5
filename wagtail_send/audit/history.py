"""The HistoricalRecords flavour every wagtail-send model uses."""

from django.db import models
from simple_history.models import HistoricalRecords

from .context import current_actor, current_reason


def _get_user(request=None, instance=None, **kwargs):
    actor = current_actor()
    if actor is not None:
        return actor
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


class ChainedHistory(models.Model):
    """Fields that chain each history row to the one before it for the same record."""

    history_seq = models.PositiveIntegerField(default=0, editable=False)
    history_prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    history_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True


class SendHistoricalRecords(HistoricalRecords):
    """Historical records with the acting user, a change note and a hash chain."""

    def __init__(self, **kwargs):
        kwargs.setdefault("bases", [ChainedHistory])
        kwargs.setdefault("get_user", _get_user)
        kwargs.setdefault("history_change_reason_field", models.TextField(blank=True))
        # The acting user is kept as a plain id, not a foreign key: deleting an account
        # must not rewrite history rows (which are append-only on PostgreSQL).
        kwargs.setdefault(
            "history_user_id_field", models.PositiveBigIntegerField(null=True, blank=True)
        )
        super().__init__(**kwargs)

    def get_change_reason_for_object(self, instance, history_type, using):
        return super().get_change_reason_for_object(instance, history_type, using) or (
            current_reason()
        )
