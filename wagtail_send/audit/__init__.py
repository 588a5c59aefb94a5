"""Audit history for wagtail-send records.

Public surface:

* :func:`acting_as` - attribute writes made outside a request (commands, imports, tasks).
* :class:`HistoryRequired` - raised where a write would escape the history.
* :func:`erase` - data-protection erasure, the only way to remove a record's history.
* :func:`verify_history` - check every hash chain (``manage.py verify_send_history``).
"""

from .context import acting_as, current_actor
from .errors import HistoryRequired

__all__ = ["HistoryRequired", "acting_as", "current_actor", "erase", "verify_history"]


def erase(*args, **kwargs):
    from .erasure import erase as _erase

    return _erase(*args, **kwargs)


def verify_history(*args, **kwargs):
    from .chain import verify_history as _verify

    return _verify(*args, **kwargs)
