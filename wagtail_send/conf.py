"""Every ``WAGTAILSEND_*`` setting, read in one place with its default and validated.

Use ``from wagtail_send.conf import send_settings`` and read attributes; never read
``django.conf.settings`` for these names elsewhere.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .roles import Role

PREFIX = "WAGTAILSEND_"


@dataclass(frozen=True)
class Setting:
    default: object
    kind: type | tuple
    doc: str
    choices: tuple = ()


SETTINGS = {
    "DEFAULT_SCHOOL_NAME": Setting(
        "", str, "Name of the school created on first migrate when none exists."
    ),
    "BASE_TEMPLATE": Setting(
        "base.html",
        str,
        "Template the front-end pages extend, so they wear the site's header and footer; "
        "it needs the blocks title, extra_css, content and extra_js, as a `wagtail start` "
        "site's base.html has. wagtail_send/standalone.html is a plain one.",
    ),
    "APPROVAL_ROLE": Setting(
        Role.GOVERNOR.value,
        str,
        "Role whose members approve SEND policies and the SEN Information Report.",
        choices=(Role.GOVERNOR.value, Role.SLT.value),
    ),
    "SMALL_GROUP_MINIMUM": Setting(
        5, int, "Groups smaller than this are suppressed in skills-audit aggregates."
    ),
    "ANSWER_READER_ROLES": Setting(
        (Role.SENCO.value,),
        (tuple, list),
        "Roles, besides the person, who may read an individual's skills-audit answers.",
    ),
    "ANSWER_RETENTION_DAYS": Setting(
        3 * 365, int, "Days after an audit closes when individual answers are removed."
    ),
    "DIRECTORY_STALE_AFTER_DAYS": Setting(
        365, int, "Days after which an unverified directory entry is flagged as stale."
    ),
    "POLICY_REVIEW_WARNING_DAYS": Setting(
        30, int, "Days before a policy's next review when it shows as review due."
    ),
    "REPORT_ITEM_MIN_WORDS": Setting(
        20, int, "Words below which an SEN Information Report item is flagged as too thin."
    ),
    "MAX_UPLOAD_BYTES": Setting(
        10 * 1024 * 1024, int, "Largest image or document a member of staff may upload."
    ),
    "MAX_IMAGE_PIXELS": Setting(
        40_000_000, int, "Largest image, in pixels, accepted from an upload."
    ),
    "PRIVATE_FILES_ROOT": Setting(
        "",
        str,
        "Folder for private files (post photos and documents) when STORAGES has no "
        '"wagtail_send_private" alias; empty: private-files beside MEDIA_ROOT. '
        "Never inside MEDIA_ROOT.",
    ),
    "SESSION_AGE": Setting(
        10 * 60 * 60,
        int,
        "Seconds a sign-in lasts, from signing in (a school day by default); 0 ends it when "
        "the browser closes.",
    ),
    "FROM_EMAIL": Setting("", str, "Sender of reminder emails; DEFAULT_FROM_EMAIL if empty."),
    "REMINDER_INTERVAL_DAYS": Setting(
        7,
        int,
        "Days before the same reminder email goes to the same person again (0: every run).",
    ),
    "CACHE_TIMEOUT": Setting(
        60 * 60,
        int,
        "Seconds a cached page, listing or summary is kept at most; writes renew it sooner.",
    ),
    "PAGE_CACHE": Setting(
        "default", str, "The Django cache (an alias in CACHES) that holds public pages."
    ),
    "HISTORY_KEY_FILE": Setting(
        "",
        str,
        "File of the secret keys that seal history rows, one a line, the last one sealing "
        "new rows (add a line to rotate; keep the old ones). Keep it outside the database "
        "and its backups. Empty: a key derived from SECRET_KEY (see docs/security.md).",
    ),
    "HISTORY_DIGEST_DIR": Setting(
        "",
        str,
        "Directory where `write_send_history_digest` writes the signed digests of every "
        "history chain, and `verify_send_history` reads them. Keep it where the database "
        "role cannot write. Empty: no digests.",
    ),
    "DATABASE_APP_ROLE": Setting(
        "",
        str,
        "PostgreSQL role the site runs as, when migrations run as the tables' owner: after "
        "migrate it is granted ordinary rights, less UPDATE, DELETE and TRUNCATE on history.",
    ),
}


class SendSettings:
    """Attribute access to validated settings with defaults."""

    def __getattr__(self, name):
        try:
            spec = SETTINGS[name]
        except KeyError:
            raise AttributeError(f"Unknown wagtail-send setting {name!r}") from None
        value = getattr(settings, PREFIX + name, spec.default)
        validate(name, value)
        return value


def validate(name, value):
    """Raise ImproperlyConfigured if ``value`` is not acceptable for setting ``name``."""
    spec = SETTINGS[name]
    if not isinstance(value, spec.kind) or isinstance(value, bool) and spec.kind is int:
        raise ImproperlyConfigured(
            f"{PREFIX}{name} must be of type {spec.kind}, not {type(value).__name__}."
        )
    if spec.choices and value not in spec.choices:
        raise ImproperlyConfigured(f"{PREFIX}{name} must be one of {', '.join(spec.choices)}.")
    if spec.kind is int and value < 0:
        raise ImproperlyConfigured(f"{PREFIX}{name} must not be negative.")
    if name == "PAGE_CACHE" and value not in settings.CACHES:
        raise ImproperlyConfigured(f"{PREFIX}{name} must name a cache in CACHES, not {value!r}.")
    if name == "ANSWER_READER_ROLES":
        unknown = set(value) - set(Role.values)
        if unknown:
            raise ImproperlyConfigured(
                f"{PREFIX}{name} names unknown roles: {', '.join(sorted(unknown))}."
            )


def unknown_settings():
    """Names of WAGTAILSEND_* settings that are set but not known (probably misspelt)."""
    return sorted(
        name
        for name in dir(settings)
        if name.startswith(PREFIX) and name[len(PREFIX) :] not in SETTINGS
    )


send_settings = SendSettings()
