"""Core models: schools and memberships, per-record grant log, tracked-record base."""

from .access import AccessChange, ErasureRecord
from .records import SchoolRecord, SchoolRecordQuerySet
from .schools import Membership, School

__all__ = [
    "AccessChange",
    "ErasureRecord",
    "Membership",
    "School",
    "SchoolRecord",
    "SchoolRecordQuerySet",
]
