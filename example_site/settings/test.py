from example_site.mail import mail_settings

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
globals().update(mail_settings("django.core.mail.backends.locmem.EmailBackend"))
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
STORAGES["wagtail_send_private"]["OPTIONS"]["location"] = BASE_DIR / ".test-private-files"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not memory: the browser tests' live server then has its own connection, so
    # the page and its pictures can be served at the same time.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}  # noqa: F405
