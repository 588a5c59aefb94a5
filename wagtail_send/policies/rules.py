"""Who may read a school's policy history, and whose reviews the dashboard shows.

Policy pages are Wagtail pages, not SchoolRecords, so the record permission policy does
not cover them; editing is governed by Wagtail page permissions (see setup.py). These
are the only two rules this app adds, both on roles at the page's school.
"""

from ..access import memberships_of
from ..roles import Role

#: Roles that may read every published version of their school's policies.
HISTORY_ROLES = {Role.SENCO, Role.SLT, Role.GOVERNOR}
#: Roles whose dashboard lists their school's policies due for review.
REVIEW_ROLES = {Role.SENCO, Role.SLT}


def schools_with(user, roles):
    """IDs of the schools where ``user`` holds one of ``roles``; None means every school."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    return [school_id for school_id, held in memberships_of(user).items() if held & roles]


def limit_to_schools(queryset, school_ids, field="school_id"):
    """``queryset`` restricted to ``school_ids`` (None: unrestricted)."""
    if school_ids is None:
        return queryset
    return queryset.filter(**{f"{field}__in": school_ids})


def can_read_history(user, page, roles=HISTORY_ROLES):
    """Whether ``user`` may read the published history of policy page ``page``.

    ``roles`` narrows it: who has read each version is for ``REVIEW_ROLES`` only.
    """
    school_ids = schools_with(user, roles)
    return school_ids is None or page.school_id in school_ids
