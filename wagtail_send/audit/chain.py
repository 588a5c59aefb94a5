"""The per-record hash chain over history rows, and its verification.

Each history row stores its sequence number within its record, the previous row's hash
and its own hash over (model, record id, sequence, previous hash, type, date, user,
change note, every tracked field). Editing, deleting, inserting or reordering a row
breaks the chain at that row; removing the newest rows leaves the live record different
from its last history row, which :func:`verify_history` also reports.
"""

import datetime
import hashlib
import json
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.db import connections, models, router
from django.db.models import OuterRef, Subquery
from django.utils import timezone


class ChainedHistory(models.Model):
    """Fields that chain each history row to the one before it for the same record."""

    history_seq = models.PositiveIntegerField(default=0, editable=False)
    history_prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    history_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True


def _normalise(value):
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(datetime.UTC)
        return value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, sort_keys=True, default=str)
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def tracked_attnames(history_model):
    return [f.attname for f in history_model.tracked_fields]


def compute_hash(row, attnames):
    payload = {
        "model": row.instance_type._meta.label_lower,
        "id": _normalise(row.id),
        "seq": row.history_seq,
        "prev": row.history_prev_hash,
        "type": row.history_type,
        "date": _normalise(row.history_date),
        "user": row.history_user_id,
        "reason": row.history_change_reason or "",
        "fields": {name: _normalise(getattr(row, name)) for name in attnames},
    }
    encoded = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(encoded).hexdigest()


def is_chained(history_model):
    return issubclass(history_model, ChainedHistory)


def seal(rows, using=None):
    """Set sequence, previous hash and hash on unsaved history rows of one model.

    One query fetches the newest existing row of every record concerned, so a bulk
    write of any size costs one extra query.
    """
    if not rows:
        return
    model = type(rows[0])
    using = using or router.db_for_write(model)
    attnames = tracked_attnames(model)
    ids = {row.id for row in rows if row.history_type != "+"}
    heads = _head(model, *ids, using=using) if len(ids) == 1 else _heads(model, ids, using)
    for row in rows:
        seq, digest = heads.get(row.id, (0, ""))
        row.history_seq = seq + 1
        row.history_prev_hash = digest
        row.history_hash = compute_hash(row, attnames)
        heads[row.id] = (row.history_seq, row.history_hash)


def _head(model, record_id, using):
    """``{record_id: (sequence, hash)}`` of the record's newest history row, if any.

    Every tracked save runs this, so it is written out once here: one probe of the
    chain index (id, history_seq), read backwards. Built by the ORM, the same statement
    cost ten times what the database spends answering it.
    """
    connection = connections[using]
    name = connection.ops.quote_name
    sql = (
        f"SELECT {name('history_seq')}, {name('history_hash')} "  # noqa: S608  (no user input)
        f"FROM {name(model._meta.db_table)} WHERE {name('id')} = %s "
        f"ORDER BY {name('history_seq')} DESC LIMIT 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [record_id])
        head = cursor.fetchone()
    return {record_id: tuple(head)} if head else {}


def _heads(model, ids, using):
    """``{record id: (sequence, hash)}`` of the newest history row of each record."""
    if not ids:
        return {}
    newest = model.objects.filter(id=OuterRef("id")).order_by("-history_seq")
    return {
        record_id: (seq, digest)
        for record_id, seq, digest in model.objects.using(using)
        .filter(id__in=ids, history_seq=Subquery(newest.values("history_seq")[:1]))
        .values_list("id", "history_seq", "history_hash")
    }


@dataclass
class ChainFault:
    model: str
    record_id: object
    history_id: object
    problem: str

    def __str__(self):
        return f"{self.model} #{self.record_id}, history row {self.history_id}: {self.problem}"


def chained_history_models():
    return [m for m in apps.get_models() if is_chained(m)]


def verify_model(history_model):
    """Yield a :class:`ChainFault` for every break in ``history_model``'s chains."""
    label = history_model.instance_type._meta.label
    attnames = tracked_attnames(history_model)
    rows = history_model.objects.order_by("id", "history_seq", "history_id").iterator(2000)
    current_id, expected_seq, prev_hash = object(), 0, ""
    newest = {}
    for row in rows:
        if row.id != current_id:
            current_id, expected_seq, prev_hash = row.id, 1, ""
        fault = None
        if row.history_seq != expected_seq:
            fault = (
                "a row is missing before this one"
                if row.history_seq > expected_seq
                else "a row was inserted or reordered here"
            )
        elif row.history_prev_hash != prev_hash:
            fault = "the link to the previous row is broken (row deleted, inserted or reordered)"
        elif compute_hash(row, attnames) != row.history_hash:
            fault = "the row was edited after it was written"
        if fault:
            yield ChainFault(label, row.id, row.history_id, fault)
        expected_seq, prev_hash = row.history_seq + 1, row.history_hash
        newest[row.id] = (row.history_id, row.history_type, [getattr(row, n) for n in attnames])
    yield from _compare_live(history_model, label, attnames, newest)


def _compare_live(history_model, label, attnames, newest):
    """Each live record must equal its newest history row, or rows were cut off the end."""
    live = history_model.instance_type._base_manager.only(*attnames)
    for record in live.iterator(2000):
        if record.pk not in newest:
            yield ChainFault(label, record.pk, None, "the record has no history at all")
            continue
        history_id, history_type, values = newest[record.pk]
        for name, value in zip(attnames, values, strict=True):
            if _normalise(getattr(record, name)) != _normalise(value):
                yield ChainFault(
                    label,
                    record.pk,
                    history_id,
                    f"the record differs from its newest history row ({name}): a later "
                    "row was deleted or the record was changed without history",
                )
                break


def verify_history(models=None):
    """Check every hash chain; return the list of faults (empty when all is intact)."""
    faults = []
    for history_model in models or chained_history_models():
        faults.extend(verify_model(history_model))
    return faults
