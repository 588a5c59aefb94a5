"""Production settings: everything secret or site-specific comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from example_site.mail import mail_settings

from .base import *  # noqa: F403


def required(name):
    try:
        return os.environ[name]
    except KeyError:
        raise ImproperlyConfigured(f"Set the {name} environment variable.") from None


DEBUG = False
SECRET_KEY = required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = required("DJANGO_ALLOWED_HOSTS").split(",")
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]
WAGTAILADMIN_BASE_URL = required("WAGTAILADMIN_BASE_URL")
# The history's key and digests live outside the database (see docs/security.md).
WAGTAILSEND_HISTORY_KEY_FILE = required("WAGTAILSEND_HISTORY_KEY_FILE")
WAGTAILSEND_HISTORY_DIGEST_DIR = required("WAGTAILSEND_HISTORY_DIGEST_DIR")
WAGTAILSEND_DATABASE_APP_ROLE = os.environ.get("WAGTAILSEND_DATABASE_APP_ROLE", "")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

globals().update(
    mail_settings(
        os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"),
        # Only SMTP takes a host, and its own default is localhost.
        **({"host": os.environ["DJANGO_EMAIL_HOST"]} if "DJANGO_EMAIL_HOST" in os.environ else {}),
    )
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# A trust runs several web processes: give them one cache (the learning wall's content,
# the public pages) and read sessions from it, e.g. REDIS_URL=redis://127.0.0.1:6379/0.
# Without it each process keeps its own memory cache, which forgets a change only in the
# process that made it.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_KEY_PREFIX", ""),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
