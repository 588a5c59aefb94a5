"""Core models: schools and memberships, per-record grant log, tracked-record base."""

from .access import AccessChange, ErasureRecord
from .groups import RoleGroup
from .records import SchoolRecord, SchoolRecordQuerySet
from .schools import Membership, School

__all__ = [
    "AccessChange",
    "ErasureRecord",
    "Membership",
    "RoleGroup",
    "School",
    "SchoolRecord",
    "SchoolRecordQuerySet",
]
