"""Audit history for wagtail-send records.

Public surface:

* :func:`acting_as` - attribute writes made outside a request (commands, imports, tasks).
* :class:`HistoryRequired` - raised where a write would escape the history.
* :func:`erase` - data-protection erasure, the only way to remove a record's history.
* :func:`place_legal_hold` / :func:`lift_legal_hold` - keep a record from erasure.
* :func:`verify_history` - check every keyed chain, the signed digests and the grants
  (``manage.py verify_send_history``).
* :class:`~.queryset.HistoryManager` - the manager every tracked model uses, so that
  ``update()``, ``bulk_update()`` and ``bulk_create()`` write history too.
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
]


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
    from .verify import verify_history as _verify

    return _verify(*args, **kwargs)
