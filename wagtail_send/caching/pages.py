"""Public pages served from the cache, with no database query on a hit.

A feature declares its public page models in its ``AppConfig.ready()``
(:func:`public_pages`), with the query parameters each reads. What such a page serves
to an anonymous visitor (no session cookie) is stored by
:class:`PublicPageCacheMiddleware` and served again from the cache. A copy is keyed by
the scheme, host, path, language and only the query parameters the page reads, under
the generation of the page's school; publishing, privacy changes and every tracked
write the page shows renew it (see :mod:`.renewals`).

The middleware goes at the end of ``MIDDLEWARE``: after the HTTPS redirect, the
session and the language, so a hit has been through all of them.

Responses say what is true of them: a stored public page is ``public`` (and, when a
front-end cache is configured to be purged, may be kept by shared caches as long as
here); one shown to a signed-in person, or private, is ``private``.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from . import store

_PAGE_ATTR = "_wagtail_send_public_page"
#: page model -> the query parameters it reads
_public_pages = {}


def public_pages(*models, reads=()):
    """Declare ``models`` public pages, cached for anonymous visitors.

    Args:
        models: Wagtail page models (a subclass is declared with its parent).
        reads: the query parameters the pages read; any other is ignored in the key,
            so new query strings cannot fill the cache.
    """
    for model in models:
        _public_pages[model] = frozenset(reads)


def declared_models():
    """The declared public page models."""
    return list(_public_pages)


def is_public_page(page):
    """Whether ``page`` (specific) is of a declared public page model."""
    return _reads(page) is not None


def _reads(page):
    for model in type(page).__mro__:
        if model in _public_pages:
            return _public_pages[model]
    return None


def note_served_page(page, request, serve_args, serve_kwargs):
    """``before_serve_page`` hook: remember a declared public page on the request."""
    if is_public_page(page):
        setattr(request, _PAGE_ATTR, page)


def _is_anonymous_get(request):
    return request.method in ("GET", "HEAD") and (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _where(request):
    return ("https" if request.is_secure() else "http", request.get_host(), request.path)


def _copy_key(request, school_id, reads):
    query = sorted((name, request.GET.getlist(name)) for name in reads if name in request.GET)
    return store.key(store.PAGES, school_id, *_where(request), get_language(), query)


def _says_private(response):
    directives = {d.strip().split("=")[0] for d in response.get("Cache-Control", "").split(",")}
    return bool(directives & {"private", "no-store", "no-cache"})


def school_of_page(page, request):
    """The school whose records ``page`` shows: its own, or the request's."""
    from ..schools import get_current_school

    school_id = getattr(page, "school_id", None)
    if school_id is None:
        school = get_current_school(request)
        school_id = school and school.pk
    return school_id


class PublicPageCacheMiddleware:
    """Serve and store declared public pages; place it last in ``MIDDLEWARE``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_anonymous_get(request):
            return self._honest(request, self.get_response(request))
        cache = store.backend(store.PAGES)
        where_key = store.key(store.PAGES, None, "where", *_where(request))
        where = cache.get(where_key)
        if where is not None:
            hit = cache.get(_copy_key(request, *where))
            if hit is not None:
                return hit
        response = self.get_response(request)
        page = getattr(request, _PAGE_ATTR, None)
        if page is None or response.status_code != 200 or response.streaming:
            return self._honest(request, response)
        # Wagtail marks whatever a private page serves never-cache (the login redirect,
        # the password form, the page itself): Django's rule, never store it.
        if _says_private(response) or request.user.is_authenticated:
            patch_cache_control(response, private=True, max_age=0)
            return response
        reads = _reads(page)
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            s_maxage=store.timeout() if store.purged_in_front() else 0,
        )
        if set(request.GET) <= reads:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            school_id = school_of_page(page, request)
            cache.set(where_key, (school_id, reads), store.timeout())
            cache.set(_copy_key(request, school_id, reads), response, store.timeout())
        return response

    @staticmethod
    def _honest(request, response):
        if getattr(request, _PAGE_ATTR, None) is not None and request.user.is_authenticated:
            patch_cache_control(response, private=True, max_age=0)
        return response
