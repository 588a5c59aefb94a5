"""The HistoricalRecords flavour every wagtail-send model uses."""

import functools

from django.db import connections, models, router
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

        Does what simple-history's own does, less three costs paid on every save: it
        builds a new manager class to find the history model (``instance.history``),
        looks for many-to-many history, which no wagtail-send model tracks, and has
        Django build the INSERT anew (see :func:`_insert`).
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
        using = (using if self.use_base_model_db else None) or router.db_for_write(history_model)
        seal([row], using=using)
        _insert(row, using)

    def get_change_reason_for_object(self, instance, history_type, using):
        return super().get_change_reason_for_object(instance, history_type, using) or (
            current_reason()
        )


def _insert(row, using):
    """Insert one history row: what ``row.save()`` would, with the statement built once.

    Django compiles the INSERT afresh on every save, which cost as much as the tracked
    record's own UPDATE. A history row needs nothing else ``save()`` does: it has no
    related objects to check, simple-history turns ``auto_now`` off on its fields, and
    nothing listens for its save signals. :func:`~wagtail_send.audit.verify_history`
    compares every record with its newest row, so a value stored wrongly is caught.
    """
    connection = connections[using]
    sql, fields = _insert_statement(type(row), using)
    params = [field.get_db_prep_save(getattr(row, field.attname), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@functools.cache
def _insert_statement(history_model, using):
    name = connections[using].ops.quote_name
    fields = [f for f in history_model._meta.concrete_fields if f is not history_model._meta.pk]
    columns = ", ".join(name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    table = name(history_model._meta.db_table)
    return f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", fields  # noqa: S608  (names from the model)
