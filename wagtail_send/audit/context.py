"""Who is acting, and why, for writes that happen outside a request."""

from contextlib import contextmanager
from contextvars import ContextVar

_actor = ContextVar("wagtail_send_actor", default=None)
_reason = ContextVar("wagtail_send_reason", default="")


@contextmanager
def acting_as(user, reason=""):
    """Attribute every tracked write inside the block to ``user`` with ``reason``.

    Args:
        user: the person responsible (may be None for a scheduled job).
        reason: the change note stored on each history row written in the block.
    """
    actor_token = _actor.set(user)
    reason_token = _reason.set(reason)
    try:
        yield
    finally:
        _actor.reset(actor_token)
        _reason.reset(reason_token)


@contextmanager
def noting(reason):
    """Use ``reason`` as the change note of tracked writes inside the block."""
    token = _reason.set(reason)
    try:
        yield
    finally:
        _reason.reset(token)


def current_actor():
    """The user set by :func:`acting_as`, or None."""
    return _actor.get()


def current_reason():
    return _reason.get()
