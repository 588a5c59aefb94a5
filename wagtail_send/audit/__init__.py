"""Audit history for wagtail-send records.

Public surface:

* :func:`acting_as` - attribute writes made outside a request (commands, imports, tasks).
* :class:`HistoryRequired` - raised where a write would escape the history.
* :func:`erase` - data-protection erasure, the only way to remove a record's history.
* :func:`verify_history` - check every hash chain (``manage.py verify_send_history``).
* :func:`write_history` - one history row per object, in bulk, for writes that bypass
  ``save()`` on models that are not ``SchoolRecord`` (whose querysets do it themselves).
"""

from .context import acting_as, current_actor
from .errors import HistoryRequired

__all__ = [
    "HistoryRequired",
    "acting_as",
    "current_actor",
    "erase",
    "verify_history",
    "write_history",
]


def write_history(*args, **kwargs):
    from .bulk import write_history as _write

    return _write(*args, **kwargs)


def erase(*args, **kwargs):
    from .erasure import erase as _erase

    return _erase(*args, **kwargs)


def verify_history(*args, **kwargs):
    from .chain import verify_history as _verify

    return _verify(*args, **kwargs)
