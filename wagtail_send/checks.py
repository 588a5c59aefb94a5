"""System checks for a wagtail-send install."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

GUARDIAN_BACKEND = "guardian.backends.ObjectPermissionBackend"
HISTORY_MIDDLEWARE = "simple_history.middleware.HistoryRequestMiddleware"


@checks.register()
def check_settings(app_configs=None, **kwargs):
    from .conf import SETTINGS, unknown_settings, validate

    errors = []
    if GUARDIAN_BACKEND not in settings.AUTHENTICATION_BACKENDS:
        errors.append(
            checks.Error(
                "django-guardian's backend is missing from AUTHENTICATION_BACKENDS.",
                hint=f"Add {GUARDIAN_BACKEND!r} after Django's ModelBackend.",
                id="wagtail_send.E001",
            )
        )
    if HISTORY_MIDDLEWARE not in settings.MIDDLEWARE:
        errors.append(
            checks.Error(
                "simple-history's middleware is missing, so history rows would not name "
                "the person who made a change.",
                hint=f"Add {HISTORY_MIDDLEWARE!r} after AuthenticationMiddleware.",
                id="wagtail_send.E002",
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
    from .apps import record_models
    from .models import SchoolRecord

    errors = []
    for model in record_models(SchoolRecord):
        if grant_model_for(model) is None:
            errors.append(
                checks.Error(
                    f"{model._meta.label} has no direct-FK object-permission model.",
                    hint=(
                        "Declare class ...UserGrant(UserObjectPermissionBase) with "
                        f"content_object = ForeignKey({model.__name__}, on_delete=CASCADE)."
                    ),
                    obj=model,
                    id="wagtail_send.E004",
                )
            )
    return errors


@checks.register()
def check_sqlite_transactions(app_configs=None, **kwargs):
    """SQLite's default (deferred) transactions fail "database is locked" under autosaves."""
    options = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    return [
        checks.Warning(
            f"The SQLite database {alias!r} does not use IMMEDIATE transactions, so "
            "simultaneous saves, such as walkers' autosaves, fail with "
            "“database is locked”.",
            hint=f"Add these to DATABASES[{alias!r}]['OPTIONS']: {options!r}.",
            id="wagtail_send.W010",
        )
        for alias, database in settings.DATABASES.items()
        if database.get("ENGINE", "").endswith(("sqlite3", "spatialite"))
        and str(database.get("OPTIONS", {}).get("transaction_mode", "")).upper() != "IMMEDIATE"
    ]
