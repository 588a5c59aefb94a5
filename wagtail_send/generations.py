"""Generations: how cached content is forgotten without knowing every key it was stored under.

Whatever caches content puts the current token of its *generation* into the cache key;
a write moves the generation on, and nothing stored under the old token is read again.
The public page cache, the report's live summaries, the directory listing and the
learning wall all forget this way.

Tokens are random, never counters: if the cache evicts a token, the new one cannot
coincide with an old one under which stale copies are still stored.

With more than one web process the cache must be shared (Redis, say): a per-process
cache forgets only in the process that wrote.
"""

import uuid

from django.core.cache import cache as default_cache
from django.db import transaction


def current(*keys, cache=default_cache):
    """The current tokens of the generations named by ``keys``, as one string."""
    found = cache.get_many(keys)
    fresh = {key: uuid.uuid4().hex for key in keys if key not in found}
    if fresh:
        cache.set_many(fresh, None)
    return ".".join({**found, **fresh}[key] for key in keys)


def move_on(*keys, cache=default_cache):
    """Forget what was cached under the generations named by ``keys``.

    At once, so the writer's own next page is fresh even inside its transaction, and
    again on commit, so a page rendered by another request from the old rows while the
    write was still open is not kept under the new token.
    """

    def replace():
        cache.set_many({key: uuid.uuid4().hex for key in keys}, None)

    replace()
    transaction.on_commit(replace)
