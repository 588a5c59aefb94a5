"""Core models: schools and memberships, grant log, tracked-record base, reminders sent."""

from ..audit.records import ErasureRecord, LegalHold
from .access import AccessChange, RecordRead, SchoolUserGrant
from .files import PrivateFile
from .groups import RoleGroup
from .needs import BroadArea, NeedType
from .records import SchoolRecord, SchoolRecordQuerySet, record_models
from .reminders import SentReminder
from .schools import Membership, School, SENCOQualification

__all__ = [
    "AccessChange",
    "BroadArea",
    "ErasureRecord",
    "LegalHold",
    "Membership",
    "NeedType",
    "PrivateFile",
    "RecordRead",
    "RoleGroup",
    "School",
    "SENCOQualification",
    "SchoolRecord",
    "SchoolRecordQuerySet",
    "SchoolUserGrant",
    "SentReminder",
    "record_models",
]
