"""The key scheme: every cached copy is named by its cache, its school and their generations.

A *cache* is a name ("wall", "directory", "report-live", "pages"): what one kind of
copy depends on. Each has a generation for every school and one for all schools;
renewing a school's generation forgets that school's copies only, renewing the one for
all schools forgets every copy. Copies of the public pages live in the cache
``WAGTAILSEND_PAGE_CACHE`` names, everything else in Django's default cache.
"""

import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import caches

from ..conf import send_settings
from . import generations

PREFIX = "wagtail_send"
PAGES = "pages"


def backend(name):
    """The Django cache that holds the copies (and generations) of cache ``name``."""
    return caches[send_settings.PAGE_CACHE if name == PAGES else "default"]


def purged_in_front():
    """Whether renewals of public pages also purge an HTTP cache in front (see
    :mod:`.frontend`): ``wagtail.contrib.frontend_cache`` with ``WAGTAILFRONTENDCACHE``."""
    return apps.is_installed("wagtail.contrib.frontend_cache") and bool(
        getattr(settings, "WAGTAILFRONTENDCACHE", None)
    )


def timeout():
    """Seconds any copy is kept at most (``WAGTAILSEND_CACHE_TIMEOUT``)."""
    return send_settings.CACHE_TIMEOUT


def _generation_key(name, school_id):
    return f"{PREFIX}:{name}:gen:{'*' if school_id is None else school_id}"


def generation(name, school_id=None):
    """The current tokens of cache ``name`` at ``school_id`` (None: the all-schools one)."""
    keys = [_generation_key(name, None)]
    if school_id is not None:
        keys.append(_generation_key(name, school_id))
    return generations.current(*keys, cache=backend(name))


def renew(names, school_ids=None):
    """Forget the copies of caches ``names`` at ``school_ids`` (None: at every school)."""
    ids = [None] if school_ids is None else sorted(set(school_ids))
    for name in names:
        keys = [_generation_key(name, school_id) for school_id in ids]
        if keys:
            generations.move_on(*keys, cache=backend(name))


def key(name, school_id, *parts):
    """A cache key for one copy: ``parts`` say everything else the copy depends on."""
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()
    return f"{PREFIX}:{name}:{school_id}:{generation(name, school_id)}:{digest}"


def cached(name, school_id, parts, build, keep=None):
    """``build()``, kept under :func:`key` until cache ``name`` at ``school_id`` is renewed.

    ``keep(value)``, if given, says whether a value just built may be kept (not one
    built while something it reads failed, say).
    """
    store = backend(name)
    cache_key = key(name, school_id, *parts)
    value = store.get(cache_key)
    if value is None:
        value = build()
        if keep is None or keep(value):
            store.set(cache_key, value, timeout())
    return value
