"""What a Wagtail site adds to its settings to run wagtail-send (see docs/install.md)::

    from wagtail_send import install as wagtail_send_install

    INSTALLED_APPS += wagtail_send_install.INSTALLED_APPS
    MIDDLEWARE += wagtail_send_install.MIDDLEWARE
    AUTHENTICATION_BACKENDS = wagtail_send_install.AUTHENTICATION_BACKENDS
    TEMPLATES[0]["OPTIONS"]["context_processors"] += wagtail_send_install.CONTEXT_PROCESSORS
    ANONYMOUS_USER_NAME = None

A site that wants only some features lists the apps itself: the core, then any subset
of FEATURES, then the two libraries.
"""

CORE = "wagtail_send"
FEATURES = [
    "wagtail_send.policies",
    "wagtail_send.learning_wall",
    "wagtail_send.directory",
    "wagtail_send.learning_walks",
    "wagtail_send.skills_audit",
]
LIBRARIES = ["guardian", "simple_history"]
INSTALLED_APPS = [CORE, *FEATURES, *LIBRARIES]

HISTORY_MIDDLEWARE = "simple_history.middleware.HistoryRequestMiddleware"
PAGE_CACHE_MIDDLEWARE = "wagtail_send.pagecache.PublicPageCacheMiddleware"
# Appended after a site's own middleware: the history middleware needs the signed-in
# person, and the public page cache must come after SecurityMiddleware's HTTPS redirect.
MIDDLEWARE = [HISTORY_MIDDLEWARE, PAGE_CACHE_MIDDLEWARE]

GUARDIAN_BACKEND = "guardian.backends.ObjectPermissionBackend"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend", GUARDIAN_BACKEND]

CONTEXT_PROCESSOR = "wagtail_send.context_processors.send"
CONTEXT_PROCESSORS = [CONTEXT_PROCESSOR]
