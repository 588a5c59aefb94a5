"""The SENCO qualification duty (regulation 49 of the SEND Regulations 2014, as amended by
SI 2024/535), worked out from the school's details.

* A SENCO appointed after 1 September 2009 who had not already been a SENCO for more than
  12 months in all must hold the relevant qualification by the third anniversary of the
  appointment.
* The NPQ for SENCOs counts when it is started on or after 1 September 2024.
* A NASENCO counts only if it was started before 1 September 2024 and is completed before
  1 September 2027.

This is our reading of the regulations (docs/policies.md gives the sources); it warns,
and a school should take advice on an unusual case.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import SENCOQualification
from .models import years_after

DUTY_FROM = datetime.date(2009, 9, 1)
NPQ_FROM = datetime.date(2024, 9, 1)
NASENCO_BY = datetime.date(2027, 9, 1)
#: Within this many days of the deadline the warning says it is close.
CLOSE_DAYS = 180


class Standing:
    QUALIFIED = "qualified"
    NOT_BOUND = "not_bound"
    ON_TRACK = "on_track"
    CLOSE = "close"
    OVERDUE = "overdue"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class SENCOStatus:
    """Where a school's SENCO stands with the qualification duty on ``today``."""

    standing: str
    deadline: datetime.date | None = None
    days_left: int | None = None
    note: str = ""

    @property
    def days_overdue(self):
        return -self.days_left if self.days_left is not None else None

    @property
    def warns(self):
        """Whether the SENCO's and the head's dashboards show it: until the SENCO holds the
        qualification (or is not bound to), the deadline is worth seeing every day."""
        return self.standing not in (Standing.QUALIFIED, Standing.NOT_BOUND)


def counts(qualification, started, completed):
    """Whether this qualification, started and completed on these days, is the relevant one."""
    if completed is None:
        return False
    if qualification == SENCOQualification.NPQ:
        return started is None or started >= NPQ_FROM
    if qualification == SENCOQualification.NASENCO:
        return started is not None and started < NPQ_FROM and completed < NASENCO_BY
    return False


def _course_note(school, today):
    """Why a course being studied may not count, or "" if it may."""
    qualification, started = school.senco_qualification, school.senco_qualification_started
    if qualification == SENCOQualification.NASENCO:
        if started is not None and started >= NPQ_FROM:
            return _(
                "A NASENCO started on or after 1 September 2024 does not count: the NPQ for "
                "SENCOs is needed."
            )
        if (school.senco_qualification_completed or today) >= NASENCO_BY:
            return _(
                "A NASENCO not completed before 1 September 2027 does not count: the NPQ "
                "for SENCOs is needed."
            )
        return _("A NASENCO counts only if it is completed before 1 September 2027.")
    if qualification == SENCOQualification.NPQ and started is not None and started < NPQ_FROM:
        return _("An NPQ for SENCOs counts only if started on or after 1 September 2024.")
    return ""


def senco_status(school, today=None):
    """The :class:`SENCOStatus` of ``school``'s SENCO on ``today`` (default: today)."""
    today = today or timezone.localdate()
    completed = school.senco_qualification_completed
    if counts(school.senco_qualification, school.senco_qualification_started, completed) and (
        completed <= today
    ):
        return SENCOStatus(Standing.QUALIFIED)
    appointed = school.senco_appointed_on
    if appointed is None:
        return SENCOStatus(Standing.UNKNOWN, note=_("Enter the date the SENCO was appointed."))
    if appointed < DUTY_FROM or school.senco_earlier_service:
        return SENCOStatus(Standing.NOT_BOUND)
    deadline = years_after(appointed, 3)
    days_left = (deadline - today).days
    if days_left < 0:
        standing = Standing.OVERDUE
    elif days_left <= CLOSE_DAYS:
        standing = Standing.CLOSE
    else:
        standing = Standing.ON_TRACK
    return SENCOStatus(standing, deadline, days_left, _course_note(school, today))
