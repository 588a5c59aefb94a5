"""Signed digests of every history chain, written outside the database at intervals.

In the manner of AWS CloudTrail's digest files and RFC 9162's signed tree heads: each
digest lists, for every chained history table, the head (record id, sequence, seal) of
each record's chain, with the Merkle tree hash (RFC 9162, 2.1.1) over those heads, the
signature of the digest before it, and its own signature under the history key. A
chain cut short, rewritten with the key, or deleted whole with its record after a
digest was written no longer matches that digest, which :mod:`.verify` reports.

Digests go to ``WAGTAILSEND_HISTORY_DIGEST_DIR``, which the database role should not be
able to write: ``manage.py write_send_history_digest`` from cron, say hourly.
"""

import base64
import datetime
import hashlib
import hmac
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

from .chain import ChainFault, _normalise, chained_history_models
from .keys import key_by_id, sealing_key

FORMAT = 1
PATTERN = "history-digest-*.json"


def tree_hash(leaves):
    """RFC 9162's Merkle Tree Hash of ``leaves`` (bytes), in hex."""

    def mth(items):
        if not items:
            return hashlib.sha256(b"").digest()
        if len(items) == 1:
            return hashlib.sha256(b"\x00" + items[0]).digest()
        split = 1 << ((len(items) - 1).bit_length() - 1)  # largest power of 2 below n
        return hashlib.sha256(b"\x01" + mth(items[:split]) + mth(items[split:])).digest()

    return mth(leaves).hex()


def _leaf(head):
    return json.dumps(head, separators=(",", ":")).encode()


def _heads(history_model):
    """``[[record id, sequence, seal]]`` of the newest row of each record, by record id."""
    newest = {}
    rows = history_model.objects.order_by("id", "history_seq").values_list(
        "id", "history_seq", "history_hash"
    )
    for record_id, seq, seal in rows.iterator(5000):
        newest[record_id] = [_normalise(record_id), seq, seal]
    return list(newest.values())


def _signature(body, key):
    message = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    mac = base64.urlsafe_b64encode(key.mac(message, purpose=b"digest")).rstrip(b"=")
    return f"{key.id}:{mac.decode()}"


def _paths(directory):
    return sorted(Path(directory).glob(PATTERN))


def write_digest(directory, now=None):
    """Write a signed digest of every chain to ``directory``; returns its path."""
    now = now or timezone.now()
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    earlier = _paths(directory)
    previous = json.loads(earlier[-1].read_text())["signature"] if earlier else ""
    tables = {}
    for history_model in chained_history_models():
        heads = _heads(history_model)
        tables[history_model._meta.db_table] = {
            "size": len(heads),
            "root": tree_hash([_leaf(head) for head in heads]),
            "heads": heads,
        }
    key = sealing_key()
    body = {
        "format": FORMAT,
        "written_at": now.astimezone(datetime.UTC).isoformat(),
        "previous": previous,
        "tables": tables,
    }
    body["signature"] = _signature(body, key)
    path = directory / f"history-digest-{now.astimezone(datetime.UTC):%Y%m%dT%H%M%S%fZ}.json"
    path.write_text(json.dumps(body, separators=(",", ":")))
    return path


@dataclass
class SignedHeads:
    """What the digests hold: their own faults, and the heads each chain must still have."""

    faults: list = field(default_factory=list)
    #: ``{table: {record id: {sequence: (seal, digest name)}}}``, each head once.
    heads: dict = field(default_factory=dict)
    count: int = 0

    def for_table(self, table):
        return self.heads.get(table, {})


def _problem(body, previous):
    signature = body.get("signature", "")
    key_id, _colon, _mac = signature.partition(":")
    key = key_by_id(key_id)
    if key is None:
        return f"signed with a key this site does not hold ({key_id or 'none'})"
    unsigned = {name: value for name, value in body.items() if name != "signature"}
    if not hmac.compare_digest(_signature(unsigned, key), signature):
        return "the digest was altered after it was signed"
    if body.get("previous") != previous:
        return "the digest before this one is missing or altered"
    for table, entry in body["tables"].items():
        if tree_hash([_leaf(head) for head in entry["heads"]]) != entry["root"]:
            return f"the tree hash of {table} does not match its heads"
    return None


def read_digests(directory):
    """Check every digest in ``directory`` and gather the heads they sign."""
    signed = SignedHeads()
    previous = ""
    for path in _paths(directory):
        try:
            body = json.loads(path.read_text())
            problem = _problem(body, previous)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            body, problem = {}, f"the digest cannot be read ({error})"
        if problem:
            signed.faults.append(ChainFault("history digest", path.name, None, problem))
            previous = body.get("signature", "")
            continue
        signed.count += 1
        previous = body["signature"]
        for table, entry in body["tables"].items():
            chains = signed.heads.setdefault(table, {})
            for record_id, seq, seal in entry["heads"]:
                chains.setdefault(record_id, {}).setdefault(seq, (seal, path.name))
    return signed
