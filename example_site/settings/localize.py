"""Test settings with wagtail-localize installed: the policies are translatable content."""

from .test import *  # noqa: F403

INSTALLED_APPS = [  # noqa: F405
    *[app for app in INSTALLED_APPS if app != "wagtail.locales"],  # noqa: F405
    "wagtail_localize",
    "wagtail_localize.locales",
]
WAGTAIL_I18N_ENABLED = True
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [("en-gb", "English"), ("cy", "Welsh")]
DATABASES["default"]["TEST"] = {  # noqa: F405
    "NAME": (
        str(BASE_DIR / ".test-db-localize.sqlite3")  # noqa: F405
        if DATABASES["default"]["ENGINE"].endswith("sqlite3")  # noqa: F405
        else f"test_{DATABASES['default']['NAME']}_localize"  # noqa: F405
    )
}
