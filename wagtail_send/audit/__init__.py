"""Audit history for wagtail-send records.

Public surface:

* :func:`acting_as` - attribute writes made outside a request (commands, imports, tasks).
* :class:`HistoryRequired` - raised where a write would escape the history.
* :func:`erase` - data-protection erasure, the only way to remove a record's history.
* :func:`place_legal_hold` / :func:`lift_legal_hold` - keep a record from erasure.
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
    "lift_legal_hold",
    "place_legal_hold",
    "verify_history",
    "write_history",
]


def write_history(*args, **kwargs):
    from .bulk import write_history as _write

    return _write(*args, **kwargs)


def erase(*args, **kwargs):
    from .erasure import erase as _erase

    return _erase(*args, **kwargs)


def place_legal_hold(*args, **kwargs):
    from .erasure import place_legal_hold as _place

    return _place(*args, **kwargs)


def lift_legal_hold(*args, **kwargs):
    from .erasure import lift_legal_hold as _lift

    return _lift(*args, **kwargs)


def verify_history(*args, **kwargs):
    from .chain import verify_history as _verify

    return _verify(*args, **kwargs)
