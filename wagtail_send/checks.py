"""System checks for a wagtail-send install."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .install import CONTEXT_PROCESSOR, GUARDIAN_BACKEND, HISTORY_MIDDLEWARE, SQLITE_ENGINES


@checks.register()
def check_settings(app_configs=None, **kwargs):
    from .conf import SETTINGS, unknown_settings, validate

    errors = []
    if GUARDIAN_BACKEND not in settings.AUTHENTICATION_BACKENDS:
        errors.append(
            checks.Error(
                "django-guardian's backend is missing from AUTHENTICATION_BACKENDS.",
                hint=(
                    "Add to your settings: "
                    "AUTHENTICATION_BACKENDS = wagtail_send_install.AUTHENTICATION_BACKENDS"
                ),
                id="wagtail_send.E001",
            )
        )
    if HISTORY_MIDDLEWARE not in settings.MIDDLEWARE:
        errors.append(
            checks.Error(
                "simple-history's middleware is missing, so history rows would not name "
                "the person who made a change.",
                hint="Add to your settings: MIDDLEWARE += wagtail_send_install.MIDDLEWARE",
                id="wagtail_send.E002",
            )
        )
    if getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None) == "direct":
        errors.append(
            checks.Error(
                "Wagtail serves documents directly, so private policy appendices would skip "
                "the privacy check.",
                hint='Set WAGTAILDOCS_SERVE_METHOD = "serve_view", or leave it unset.',
                id="wagtail_send.E008",
            )
        )
    for name in SETTINGS:
        value = getattr(settings, "WAGTAILSEND_" + name, SETTINGS[name].default)
        try:
            validate(name, value)
        except ImproperlyConfigured as error:
            errors.append(checks.Error(str(error), id="wagtail_send.E003"))
    for name in unknown_settings():
        errors.append(
            checks.Warning(
                f"{name} is not a wagtail-send setting.",
                hint="Check the spelling against the settings reference.",
                id="wagtail_send.W001",
            )
        )
    return errors


@checks.register()
def check_record_models(app_configs=None, **kwargs):
    from .access.policy import grant_model_for
    from .models import record_models

    errors = []
    for model in record_models():
        if grant_model_for(model) is None:
            errors.append(
                checks.Error(
                    f"{model._meta.label} has no direct-FK object-permission model.",
                    hint=(
                        "Declare class ...UserGrant(wagtail_send.models.SchoolUserGrant) with "
                        f"content_object = ForeignKey({model.__name__}, on_delete=CASCADE)."
                    ),
                    obj=model,
                    id="wagtail_send.E004",
                )
            )
    return errors


def front_end_mounted():
    """The one URL include is there, and before Wagtail's pages, which would swallow it."""
    from django.urls import NoReverseMatch, resolve, reverse

    from .urls import SIGN_OUT

    try:
        return resolve(reverse(SIGN_OUT)).url_name == SIGN_OUT
    except NoReverseMatch:
        return False


@checks.register(checks.Tags.urls)
def check_urls(app_configs=None, **kwargs):
    if front_end_mounted():
        return []
    return [
        checks.Error(
            "wagtail-send's front-end views are not mounted, or Wagtail's pages come first.",
            hint='Add to urlpatterns in urls.py, before path("", include(wagtail_urls)): '
            'path("send/", include("wagtail_send.urls")),',
            id="wagtail_send.E005",
        )
    ]


@checks.register(checks.Tags.templates)
def check_templates(app_configs=None, **kwargs):
    from django.template import TemplateDoesNotExist, engines
    from django.template.backends.django import DjangoTemplates

    from .conf import send_settings

    errors = []
    django_engines = [e for e in engines.all() if isinstance(e, DjangoTemplates)]
    if not any(CONTEXT_PROCESSOR in e.engine.context_processors for e in django_engines):
        errors.append(
            checks.Error(
                "wagtail-send's context processor is missing, so its pages cannot find "
                "your base template or sign-in page.",
                hint='Add to your settings: TEMPLATES[0]["OPTIONS"]["context_processors"] '
                "+= wagtail_send_install.CONTEXT_PROCESSORS",
                id="wagtail_send.E006",
            )
        )
    try:
        engines.all()[0].get_template(send_settings.BASE_TEMPLATE)
    except (TemplateDoesNotExist, IndexError, ImproperlyConfigured):
        errors.append(
            checks.Error(
                f"The base template {send_settings.BASE_TEMPLATE!r}, which wagtail-send's "
                "pages extend, does not exist.",
                hint="Create it with the blocks title, extra_css, content and extra_js, or set "
                'WAGTAILSEND_BASE_TEMPLATE = "wagtail_send/standalone.html".',
                id="wagtail_send.E007",
            )
        )
    return errors


@checks.register()
def check_sqlite_transactions(app_configs=None, **kwargs):
    """SQLite's default (deferred) transactions fail "database is locked" under autosaves."""
    return [
        checks.Warning(
            f"The SQLite database {alias!r} does not use IMMEDIATE transactions, so "
            "simultaneous saves, such as walkers' autosaves, fail with "
            "“database is locked”.",
            hint="Add to your settings, after DATABASES: "
            "wagtail_send_install.queue_sqlite_writers(DATABASES)",
            id="wagtail_send.W010",
        )
        for alias, database in settings.DATABASES.items()
        if database.get("ENGINE", "").endswith(SQLITE_ENGINES)
        and str(database.get("OPTIONS", {}).get("transaction_mode", "")).upper() != "IMMEDIATE"
    ]


@checks.register()
def check_history_managers(app_configs=None, **kwargs):
    """Every tracked model's bulk writes must leave history: its manager must say so."""
    from .audit.chain import chained_history_models
    from .audit.queryset import HistoryQuerySet

    return [
        checks.Error(
            f"{model._meta.label}'s default manager does not write history for update(), "
            "bulk_update() and bulk_create().",
            hint="Give it objects = wagtail_send.audit.queryset.HistoryManager() (or a "
            "manager from a subclass of HistoryQuerySet).",
            obj=model,
            id="wagtail_send.E010",
        )
        for model in (history.instance_type for history in chained_history_models())
        if not issubclass(model._default_manager._queryset_class, HistoryQuerySet)
    ]


@checks.register(deploy=True)
def check_history_keys(app_configs=None, **kwargs):
    """In production, the history key and digests belong outside the database and settings."""
    from .audit.keys import derived_from_secret_key
    from .conf import send_settings

    warnings = []
    if derived_from_secret_key():
        warnings.append(
            checks.Warning(
                "The key that seals history rows is derived from SECRET_KEY: anyone who "
                "reads the settings can rewrite history undetected, and rotating SECRET_KEY "
                "without keeping it in SECRET_KEY_FALLBACKS makes every row fail to verify.",
                hint="Create a key file (one line of at least 32 random characters, e.g. "
                "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`) readable "
                "by the site only, and set WAGTAILSEND_HISTORY_KEY_FILE to its path.",
                id="wagtail_send.W011",
            )
        )
    if not send_settings.HISTORY_DIGEST_DIR:
        warnings.append(
            checks.Warning(
                "No history digests are written, so a record deleted together with its "
                "whole history by someone with database access would go unnoticed.",
                hint="Set WAGTAILSEND_HISTORY_DIGEST_DIR to a directory the database role "
                "cannot write, and run `manage.py write_send_history_digest` from cron.",
                id="wagtail_send.W012",
            )
        )
    return warnings


@checks.register()
def check_private_files(app_configs=None, **kwargs):
    """Private files kept in a folder under MEDIA_ROOT would be served as public media."""
    from pathlib import Path

    from .files import private_storage

    location = getattr(private_storage, "location", None)
    if not location or not settings.MEDIA_ROOT:
        return []
    media_root = Path(settings.MEDIA_ROOT).resolve()
    if not Path(location).resolve().is_relative_to(media_root):
        return []
    return [
        checks.Warning(
            "Private files (post photos and documents) are stored inside MEDIA_ROOT, so a "
            "site serving /media/ serves them to anyone.",
            hint=(
                "Set STORAGES['wagtail_send_private'] or WAGTAILSEND_PRIVATE_FILES_ROOT to a "
                "folder outside MEDIA_ROOT (see the security page)."
            ),
            id="wagtail_send.W013",
        )
    ]
