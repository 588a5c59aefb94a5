"""The directory page's listing, cached as a template fragment, and when to forget it.

The search form and the list of services are most of the page's cost, and they are the
same for everyone who sees the same entries: the public, or the school's staff with the
same roles. :func:`listing_key` says which cached copy a person may be shown (None: their
own view, never cached). Every committed write to a directory record (saves, deletes,
and the bulk writes of the queryset) moves a generation on, so the next request renders
afresh.

The fragments and the generation live in Django's default cache. With more than one web
process that cache must be shared (Redis, say): a per-process cache forgets only in the
process that handled the write.
"""

from django.utils import timezone
from django.utils.translation import get_language

from wagtail_send import generations

from .rules import listing_audience

GENERATION_KEY = "wagtail_send:directory:generation"
#: A bound on how long a copy can outlive a write made in another process when the cache
#: is not shared; with a shared cache every write is seen at once.
SECONDS = 10 * 60


def forget_listings(**kwargs):
    """Make every cached listing stale; also a receiver for save and delete signals."""
    generations.move_on(GENERATION_KEY)


def listing_key(request, school_id, page_url):
    """The part of the cache key that says whose listing this is, or None not to cache.

    It holds everything the fragment depends on besides the records themselves: the
    school, the audience (see :func:`~.rules.listing_audience`), the page's address, the
    language, today's date (entries become "Needs checking" by date) and the search.
    """
    audience = listing_audience(request.user, school_id)
    if audience is None:
        return None
    return ":".join(
        [
            generations.current(GENERATION_KEY),
            str(school_id),
            audience,
            page_url,
            get_language() or "",
            timezone.localdate().isoformat(),
            request.GET.urlencode(),
        ]
    )
