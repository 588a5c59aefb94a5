"""The secret keys that seal history rows and sign digests, held outside the database.

Keys come from ``WAGTAILSEND_HISTORY_KEY_FILE`` (one a line, the last one sealing new
rows), or, when it is empty, are derived from ``SECRET_KEY`` and
``SECRET_KEY_FALLBACKS``. Each key is known by its id, a fingerprint that reveals
nothing of it, stored on every row it seals; so a key can be rotated by adding a line,
and rows sealed by the old one still verify while its line is kept.
"""

import functools
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MINIMUM_LENGTH = 32
_DERIVATION = b"wagtail-send history chain"


@dataclass(frozen=True)
class Key:
    id: str
    secret: bytes

    def mac(self, message, purpose=b"row"):
        """HMAC-SHA256 of ``message`` under this key, kept apart for each ``purpose``."""
        return hmac.new(_subkey(self.secret, purpose), message, hashlib.sha256).digest()


@functools.cache
def _subkey(secret, purpose):
    return hmac.new(secret, purpose, hashlib.sha256).digest()


def _key(secret):
    fingerprint = hmac.new(secret, b"wagtail-send key id", hashlib.sha256).hexdigest()
    return Key(fingerprint[:8], secret)


@functools.cache
def _load(path, secret_key, fallbacks):
    if path:
        try:
            with open(path, encoding="utf-8") as file:
                lines = [line.strip() for line in file]
        except OSError as error:
            raise ImproperlyConfigured(
                f"WAGTAILSEND_HISTORY_KEY_FILE cannot be read: {error}"
            ) from error
        secrets = [line for line in lines if line and not line.startswith("#")]
        if not secrets:
            raise ImproperlyConfigured(f"WAGTAILSEND_HISTORY_KEY_FILE ({path}) holds no key.")
        short = [n for n, s in enumerate(secrets, 1) if len(s) < MINIMUM_LENGTH]
        if short:
            raise ImproperlyConfigured(
                f"Keys in WAGTAILSEND_HISTORY_KEY_FILE must have at least {MINIMUM_LENGTH} "
                f"characters; key {short[0]} has fewer."
            )
        # The last line seals; keep it first here.
        return tuple(_key(s.encode()) for s in reversed(secrets))
    return tuple(
        _key(hmac.new(str(s).encode(), _DERIVATION, hashlib.sha256).digest())
        for s in (secret_key, *fallbacks)
    )


def keys():
    """Every key this site holds, the one that seals new rows first."""
    from ..conf import send_settings

    return _load(
        send_settings.HISTORY_KEY_FILE,
        settings.SECRET_KEY,
        tuple(getattr(settings, "SECRET_KEY_FALLBACKS", ())),
    )


def sealing_key():
    return keys()[0]


def key_by_id(key_id):
    """The key with id ``key_id``, or None when this site does not hold it."""
    return next((key for key in keys() if key.id == key_id), None)


def derived_from_secret_key():
    """Whether the keys are derived from SECRET_KEY, for want of a key file."""
    from ..conf import send_settings

    return not send_settings.HISTORY_KEY_FILE


def _forget(setting, **kwargs):
    if setting in {"SECRET_KEY", "SECRET_KEY_FALLBACKS", "WAGTAILSEND_HISTORY_KEY_FILE"}:
        _load.cache_clear()


def connect_setting_changes():
    from django.core.signals import setting_changed

    setting_changed.connect(_forget, dispatch_uid="wagtail_send_history_keys")
