"""The per-record keyed chain over history rows.

Each history row stores its sequence number within its record, the previous row's seal
and its own: ``<key id>:<HMAC-SHA256>`` (base64url) over (model, record id, sequence,
previous seal, type, date, user, change note, every tracked field), under a key the
database does not hold (:mod:`.keys`). Editing, deleting, inserting or reordering a row
breaks the chain at that row, and nobody without the key can seal a replacement;
:mod:`.verify` reports each break, and :mod:`.digests` what a chain held when last
signed, so a chain cut short or deleted whole is reported too.
"""

import base64
import datetime
import hmac
import json
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.db import connections, models, router
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from .keys import key_by_id, sealing_key


@dataclass
class ChainFault:
    model: str
    record_id: object
    history_id: object
    problem: str

    def __str__(self):
        return f"{self.model} #{self.record_id}, history row {self.history_id}: {self.problem}"


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


def _payload(row, attnames, key_id):
    payload = {
        "key": key_id,
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
    return json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()


def compute_seal(row, attnames, key):
    """``<key id>:<HMAC>`` of ``row`` under ``key``: what its ``history_hash`` must be."""
    mac = key.mac(_payload(row, attnames, key.id))
    return f"{key.id}:{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"


def seal_problem(row, attnames):
    """Why ``row``'s seal is wrong, or None when it is the one its key gives."""
    key_id, colon, _mac = row.history_hash.partition(":")
    if not colon:
        return "the row is not sealed with a key (written or rewritten without one)"
    key = key_by_id(key_id)
    if key is None:
        return f"the row is sealed with a key this site does not hold ({key_id})"
    if not hmac.compare_digest(compute_seal(row, attnames, key), row.history_hash):
        return "the row was edited after it was written"
    return None


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
    key = sealing_key()
    ids = {row.id for row in rows if row.history_type != "+"}
    heads = _head(model, *ids, using=using) if len(ids) == 1 else _heads(model, ids, using)
    for row in rows:
        seq, digest = heads.get(row.id, (0, ""))
        row.history_seq = seq + 1
        row.history_prev_hash = digest
        row.history_hash = compute_seal(row, attnames, key)
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


def chained_history_models():
    return [m for m in apps.get_models() if is_chained(m)]
