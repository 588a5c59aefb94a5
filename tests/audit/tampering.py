"""What an intruder with write access to the database does to the history, in SQL."""

import hashlib

from django.db import connection

from tests.conftest import tamper_with_history
from wagtail_send.audit.chain import _payload, compute_seal, tracked_attnames
from wagtail_send.audit.keys import Key


def quoted(model):
    return connection.ops.quote_name(model._meta.db_table)


def execute(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def guessed_key(key_id):
    """A key the intruder made up, passed off under the site's key id."""
    return Key(key_id, b"a guess at the school's key, made by the intruder")


def reseal(history_model, record_id, key=None, from_seq=1):
    """Recompute the seals of a record's chain from ``from_seq`` on, as its rows now stand.

    With ``key`` None, the intruder uses plain SHA-256, as the chain once did.
    """
    attnames = tracked_attnames(history_model)
    rows = history_model.objects.filter(id=record_id).order_by("history_seq")
    before = rows.filter(history_seq=from_seq - 1).values_list("history_hash", flat=True)
    prev = before.first() or ""
    for row in rows.filter(history_seq__gte=from_seq):
        row.history_prev_hash = prev
        if key is None:
            seal = hashlib.sha256(_payload(row, attnames, "")).hexdigest()
        else:
            seal = compute_seal(row, attnames, key)
        execute(
            f"UPDATE {quoted(history_model)} SET history_prev_hash = %s, history_hash = %s "  # noqa: S608
            "WHERE history_id = %s",
            [prev, seal, row.history_id],
        )
        prev = seal


__all__ = ["execute", "guessed_key", "quoted", "reseal", "tamper_with_history"]
