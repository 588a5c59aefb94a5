"""Public pages served from the cache, with no database query on a hit.

A page class opts in with :class:`PublicPageCacheMixin`; what it serves to an anonymous
visitor (no session cookie) is stored by :class:`PublicPageCacheMiddleware` and served
again straight from the cache. Publishing or unpublishing any page moves the cache's
generation on, so nobody is served a version that has been replaced.

With more than one web process the cache must be shared (Redis, say): a per-process
cache would only forget in the process that published.
"""

from django.conf import settings
from django.core.cache import caches

from . import generations

GENERATION_KEY = "wagtail_send:pages:generation"
SECONDS = 60 * 60


def _cache():
    return caches[getattr(settings, "WAGTAILSEND_PAGE_CACHE", "default")]


def _key(request):
    generation = generations.current(GENERATION_KEY, cache=_cache())
    return f"wagtail_send:pages:{generation}:{request.get_host()}{request.get_full_path()}"


def _is_anonymous_get(request):
    return request.method in ("GET", "HEAD") and (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class PublicPageCacheMixin:
    """For a Wagtail page that parents and the public read: cache it for anonymous visitors."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if _is_anonymous_get(request) and not request.user.is_authenticated:
            response._wagtail_send_cacheable = True
        return response


class PublicPageCacheMiddleware:
    """Serve and store opted-in public pages; place it first in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_anonymous_get(request):
            return self.get_response(request)
        key = _key(request)
        cached = _cache().get(key)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if getattr(response, "_wagtail_send_cacheable", False) and response.status_code == 200:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            _cache().set(key, response, SECONDS)
        return response


def forget_pages(**kwargs):
    """Signal receiver for page_published / page_unpublished: a new cache generation."""
    generations.move_on(GENERATION_KEY, cache=_cache())
