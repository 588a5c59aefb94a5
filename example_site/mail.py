"""Email settings in the form the installed Django reads.

Django 6.1 configures email through MAILERS and deprecates EMAIL_BACKEND, EMAIL_HOST and
the other EMAIL_* server settings, which Django 5.2 still needs (and which 6.1 refuses
beside MAILERS).
"""

import django

USES_MAILERS = django.VERSION >= (6, 1)
# The EMAIL_* setting that holds each backend argument on Django 5.2.
_SETTING_NAMES = {"host": "EMAIL_HOST", "port": "EMAIL_PORT", "timeout": "EMAIL_TIMEOUT"}


def mail_settings(backend, **options):
    """The settings that send all email through ``backend``, built with ``options``."""
    if USES_MAILERS:
        return {"MAILERS": {"default": {"BACKEND": backend, "OPTIONS": options}}}
    return {"EMAIL_BACKEND": backend} | {_SETTING_NAMES[k]: v for k, v in options.items()}
