"""Settings for the benchmark's load test: the dev settings, without debug, plus a
constant-string view to measure Django's own floor (see docs/performance.md).

Both gunicorn workers share one cache, as a trust's would: Redis (``REDIS_URL``,
default the local server), for Django's cache (the wall's cached content, the
public pages) and for sessions (read from the cache, kept in the database).
"""

import hashlib
import os

from .dev import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "example_site.bench.urls"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        # One Redis may serve several benchmark databases, and a database may be built
        # again under the same name: the load test gives each of its runs a prefix.
        "KEY_PREFIX": os.environ.get("WAGTAILSEND_BENCH_CACHE_PREFIX")
        or hashlib.sha256(str(DATABASES["default"]["NAME"]).encode()).hexdigest()[:12],  # noqa: F405
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
