"""One cache layer for every feature: keys, the timeout, generations and renewals.

Public surface:

* :func:`renews` - in a feature's ``AppConfig.ready()``: "writes to these models renew
  these caches", school by school.
* :func:`public_pages` - in ``ready()`` too: these page models are served from the cache
  to anonymous visitors (with :class:`PublicPageCacheMiddleware`, last in MIDDLEWARE).
* :func:`key` / :func:`cached` - name or keep one copy under its school's generation.
* :func:`renew` - renew caches by hand (publishing, say).
* :func:`timeout` - ``WAGTAILSEND_CACHE_TIMEOUT``, the one bound on any copy's age.

Who may share a copy is :func:`wagtail_send.access.audience`.
"""

from .pages import PublicPageCacheMiddleware, public_pages
from .renewals import on_renewal, renew, renews
from .store import PAGES, cached, generation, key, timeout

__all__ = [
    "PAGES",
    "PublicPageCacheMiddleware",
    "cached",
    "generation",
    "key",
    "on_renewal",
    "public_pages",
    "renew",
    "renews",
    "timeout",
]
