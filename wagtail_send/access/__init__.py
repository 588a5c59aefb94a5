"""Per-record permissions: the one policy every view asks, and the grant API.

Public surface for feature apps:

* :func:`can` - may this person do this to this record?
* :func:`visible` - the records of a model this person may act on, filtered in the database.
* :func:`can_at` / :func:`visible_at` - the same for the admin, which shows one school's
  records at a time (the request's current school) and never by being public alone;
  :func:`register_admin_rule` adds a feature's own rule (hidden posts) to them.
* :func:`grant` / :func:`revoke` - share one record with one person; both are logged.
* :func:`audience` - who may share a cached copy of what this person sees.
* :class:`SchoolRecordPermissionPolicy` - register it for each record model.
"""

from .audience import audience
from .grants import grant, grants_for, revoke
from .policy import (
    SchoolRecordPermissionPolicy,
    can,
    can_at,
    memberships_of,
    policy_for,
    register_admin_rule,
    visible,
    visible_at,
)

__all__ = [
    "SchoolRecordPermissionPolicy",
    "audience",
    "can",
    "can_at",
    "grant",
    "grants_for",
    "memberships_of",
    "policy_for",
    "register_admin_rule",
    "revoke",
    "visible",
    "visible_at",
]
