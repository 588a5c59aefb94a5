"""Generations: how cached content is forgotten without knowing every key it was stored under.

Whatever caches content puts the current token of its *generation* into the cache key;
a write moves the generation on, and nothing stored under the old token is read again.

Tokens are random, never counters: if the cache evicts a token, the new one cannot
coincide with an old one under which stale copies are still stored.

A generation moved on inside a transaction is moved on at once (the writer's own next
page is fresh), again on commit (a page another request rendered from the old rows
meanwhile is not kept), and again after a rollback (what was rendered from the
rolled-back rows is never read): Django has no rollback signal, so the next reading of a
generation notices that the commit callback was discarded with the transaction.

With more than one web process the cache must be shared (Redis, say): a per-process
cache forgets only in the process that wrote.
"""

import threading
import uuid

from django.db import connection, transaction

_pending = threading.local()


class _Renewal:
    """Replaces the tokens of ``keys``; registered on commit, remembered until it runs."""

    def __init__(self, keys, cache):
        self.keys, self.cache = keys, cache

    def replace(self):
        self.cache.set_many({key: uuid.uuid4().hex for key in self.keys}, None)

    def __call__(self):
        self.replace()
        _waiting().discard(self)


def _waiting():
    if not hasattr(_pending, "renewals"):
        _pending.renewals = set()
    return _pending.renewals


def _settle():
    """Replace again the tokens of renewals whose transaction was rolled back."""
    waiting = _waiting()
    if not waiting:
        return
    queued = {id(entry[1]) for entry in connection.run_on_commit}
    for renewal in [r for r in waiting if id(r) not in queued]:
        renewal.replace()
        waiting.discard(renewal)


def current(*keys, cache):
    """The current tokens of the generations named by ``keys``, as one string."""
    _settle()
    found = cache.get_many(keys)
    fresh = {key: uuid.uuid4().hex for key in keys if key not in found}
    if fresh:
        cache.set_many(fresh, None)
    return ".".join({**found, **fresh}[key] for key in keys)


def move_on(*keys, cache):
    """Forget what was cached under the generations named by ``keys``."""
    renewal = _Renewal(keys, cache)
    renewal.replace()
    if connection.in_atomic_block:
        _waiting().add(renewal)
        transaction.on_commit(renewal)
