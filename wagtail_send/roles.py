"""The small vocabulary of roles a person holds in a school.

A role is held through a :class:`~wagtail_send.models.Membership`. Guests are not a
role: a guest is someone given a per-record grant on one record only.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("Member of staff")
    SENCO = "senco", _("SENCO")
    SLT = "slt", _("Senior leadership team")
    GOVERNOR = "governor", _("Governor")


#: Actions the permission policy understands. Anything else is always denied.
ACTIONS = frozenset({"view", "add", "change", "delete", "history", "export", "share"})

#: Actions that can be given to one person on one record (guardian object permissions).
GRANTABLE_ACTIONS = ("view", "change", "delete")
