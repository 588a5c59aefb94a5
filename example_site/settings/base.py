"""Settings shared by every environment of the example site."""

import os
from pathlib import Path

import dj_database_url
import django

from wagtail_send import install as wagtail_send_install

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "example_site.demo",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "csp",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]
# The lines docs/install.md gives a Wagtail site, as any site would use them.
INSTALLED_APPS += wagtail_send_install.INSTALLED_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]
MIDDLEWARE += wagtail_send_install.MIDDLEWARE

AUTHENTICATION_BACKENDS = wagtail_send_install.AUTHENTICATION_BACKENDS
# Guardian's anonymous user is not used: anonymous visitors see only public records.
ANONYMOUS_USER_NAME = None

ROOT_URLCONF = "example_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                *wagtail_send_install.CONTEXT_PROCESSORS,
            ],
        },
    },
]

WSGI_APPLICATION = "example_site.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
wagtail_send_install.queue_sqlite_writers(DATABASES)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English")]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Post photos and documents: outside MEDIA_ROOT, with no URL (docs/security.md).
    "wagtail_send_private": {
        "BACKEND": "wagtail_send.files.PrivateStorage",
        "OPTIONS": {"location": BASE_DIR / "private-files"},
    },
}

# One sign-in page for the site, Wagtail's front-end login, in the demo's own template.
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "demo/login.html"
LOGIN_URL = "wagtailcore_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

WAGTAIL_SITE_NAME = "Oakfield Primary School"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = False
# No calls to Gravatar: staff e-mail addresses stay in the school.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Documents go through Wagtail's serve view, which checks privacy and sends them
# as attachments, never as direct media links.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# The front end runs no inline script and loads nothing from elsewhere. The Wagtail
# admin is excluded: it still uses inline scripts of its own.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

DEFAULT_FROM_EMAIL = "send@oakfield.example"
WAGTAILSEND_DEFAULT_SCHOOL_NAME = "Oakfield Primary School"
if django.VERSION < (6, 0):
    # Django 6.0 made https the default scheme of URL form fields and dropped this setting.
    FORMS_URLFIELD_ASSUME_HTTPS = True
WAGTAILIMAGES_IMAGE_FORM_BASE = "wagtail_send.images.SafeImageForm"
