"""The HistoricalRecords flavour every wagtail-send model uses."""

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .chain import ChainedHistory, seal
from .context import current_actor, current_reason


def _get_user(request=None, instance=None, **kwargs):
    actor = current_actor()
    if actor is not None:
        return actor
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


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
        # The chain index below leads with the record id, so it serves every lookup
        # by record; a second index on the id alone would only slow each insert.
        kwargs.setdefault("no_db_index", ["id"])
        if kwargs.get("m2m_fields"):
            raise TypeError("wagtail-send history does not track many-to-many fields.")
        super().__init__(**kwargs)
        #: Each tracked model's history model (one SendHistoricalRecords may serve
        #: every subclass of an abstract base).
        self.history_models = {}

    def create_history_model(self, model, inherited):
        history_model = super().create_history_model(model, inherited)
        self.history_models[model] = history_model
        return history_model

    def get_meta_options(self, model):
        options = super().get_meta_options(model)
        # Every save reads the head of its record's chain: one probe of this index.
        options["indexes"] = [models.Index(fields=["id", "history_seq"])]
        return options

    def create_historical_record(self, instance, history_type, using=None):
        """Write the history row of one save or delete, sealed into its record's chain.

        Does what simple-history's own does, less two costs paid on every save: it
        builds a new manager class to find the history model (``instance.history``),
        and writes many-to-many history, which no wagtail-send model tracks.
        """
        history_model = self.history_models[type(instance)]
        row = history_model(
            history_date=getattr(instance, "_history_date", None) or timezone.now(),
            history_type=history_type,
            history_user=self.get_history_user(instance),
            history_change_reason=self.get_change_reason_for_object(instance, history_type, using),
            **{
                field.attname: getattr(instance, field.attname)
                for field in history_model.tracked_fields
            },
        )
        using = using if self.use_base_model_db else None
        seal([row], using=using)
        row.save(using=using)

    def get_change_reason_for_object(self, instance, history_type, using):
        return super().get_change_reason_for_object(instance, history_type, using) or (
            current_reason()
        )
