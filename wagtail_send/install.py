"""What a Wagtail site adds to its settings to run wagtail-send (see docs/install.md)::

    from wagtail_send import install as wagtail_send_install

    INSTALLED_APPS += wagtail_send_install.INSTALLED_APPS
    MIDDLEWARE += wagtail_send_install.MIDDLEWARE
    AUTHENTICATION_BACKENDS = wagtail_send_install.AUTHENTICATION_BACKENDS
    TEMPLATES[0]["OPTIONS"]["context_processors"] += wagtail_send_install.CONTEXT_PROCESSORS
    ANONYMOUS_USER_NAME = None
    queue_sqlite_writers(DATABASES)

A site that wants only some features lists the apps itself: the core, then any subset
of FEATURES, then the libraries.
"""

CORE = "wagtail_send"
FEATURES = [
    "wagtail_send.policies",
    "wagtail_send.learning_wall",
    "wagtail_send.directory",
    "wagtail_send.learning_walks",
    "wagtail_send.skills_audit",
]
LIBRARIES = ["guardian", "simple_history", "axes"]
INSTALLED_APPS = [CORE, *FEATURES, *LIBRARIES]

HISTORY_MIDDLEWARE = "simple_history.middleware.HistoryRequestMiddleware"
PAGE_CACHE_MIDDLEWARE = "wagtail_send.caching.PublicPageCacheMiddleware"
SESSION_AGE_MIDDLEWARE = "wagtail_send.signin.SessionAgeMiddleware"
THROTTLE_MIDDLEWARE = "axes.middleware.AxesMiddleware"
# Appended after a site's own middleware: the history middleware needs the signed-in
# person, the public page cache must come after SecurityMiddleware's HTTPS redirect,
# the session age after Django's sessions, and django-axes (which turns away sign-ins
# after repeated failures) wants to be last.
MIDDLEWARE = [
    HISTORY_MIDDLEWARE,
    PAGE_CACHE_MIDDLEWARE,
    SESSION_AGE_MIDDLEWARE,
    THROTTLE_MIDDLEWARE,
]

GUARDIAN_BACKEND = "guardian.backends.ObjectPermissionBackend"
# First, so a sign-in locked out by django-axes is refused before any password is checked;
# it throttles the front-end and the Wagtail admin sign-in alike.
THROTTLE_BACKEND = "axes.backends.AxesStandaloneBackend"
AUTHENTICATION_BACKENDS = [
    THROTTLE_BACKEND,
    "django.contrib.auth.backends.ModelBackend",
    GUARDIAN_BACKEND,
]

#: django-axes settings wagtail-send gives a site that sets none of its own: five failed
#: sign-ins for one account from one address lock that pair out for 15 minutes, so a whole
#: school behind one internet address is never locked out by one person.
THROTTLE_DEFAULTS = {
    "AXES_FAILURE_LIMIT": 5,
    "AXES_COOLOFF_TIME": 0.25,
    "AXES_LOCKOUT_PARAMETERS": [["username", "ip_address"]],
    "AXES_RESET_ON_SUCCESS": True,
}

CONTEXT_PROCESSOR = "wagtail_send.context_processors.send"
CONTEXT_PROCESSORS = [CONTEXT_PROCESSOR]

# Walkers' phones autosave every few seconds, several at once. IMMEDIATE takes the write
# lock when a transaction begins, waiting up to the timeout for it, instead of failing
# "database is locked" half-way through; WAL lets pages be read meanwhile.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
SQLITE_ENGINES = ("sqlite3", "spatialite")


def queue_sqlite_writers(databases):
    """Give every SQLite database in ``databases`` SQLITE_OPTIONS; others are left alone."""
    for database in databases.values():
        if database.get("ENGINE", "").endswith(SQLITE_ENGINES):
            database["OPTIONS"] = {**SQLITE_OPTIONS, **database.get("OPTIONS", {})}
