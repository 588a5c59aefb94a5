"""An HTTP cache in front (Varnish, a CDN): the renewals of public pages purge it too.

Only when ``wagtail.contrib.frontend_cache`` is installed and ``WAGTAILFRONTENDCACHE``
is set. Wagtail purges a page it publishes; this purges, once the write commits, every
declared public page (:func:`.pages.public_pages`) of the schools whose copies a
write renewed: the report and its PDF, the policies index, the directory pages.
"""

from functools import partial

from django.db import transaction
from django.db.models import Q

from . import pages, store


def purge_on_renewal(names, school_ids):
    """Renewal listener (see :func:`.renewals.on_renewal`)."""
    if store.PAGES in names and store.purged_in_front():
        transaction.on_commit(partial(purge, school_ids))


def purge(school_ids):
    """Purge the declared public pages of ``school_ids`` (None: of every school)."""
    from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

    found = []
    for model in pages.declared_models():
        if model._meta.abstract:
            continue
        live = model.objects.live()
        if school_ids is not None:
            live = live.filter(Q(school_id__in=school_ids) | Q(school_id=None))
        found.extend(live)
    purge_pages_from_cache(found)
