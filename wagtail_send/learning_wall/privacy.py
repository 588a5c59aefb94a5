"""Wagtail page privacy for the wall: only the school's staff, SENCO and SLT may open it."""

from wagtail.models import PageViewRestriction

from wagtail_send.models import School
from wagtail_send.roles import Role
from wagtail_send.schools import role_group

#: Roles whose groups may open the school's learning wall through Wagtail.
STAFF_ROLES = (Role.STAFF, Role.SENCO, Role.SLT)


def school_of_page(page):
    """The school whose Wagtail site holds ``page``; the only school if there is one."""
    site = page.get_site()
    school = School.objects.filter(site=site).first() if site else None
    if school is None and School.objects.count() == 1:
        school = School.objects.first()
    return school


def restrict_to_staff(page, school=None):
    """Make ``page`` visible only to the staff groups of its school (idempotent)."""
    school = school or school_of_page(page)
    if school is None:
        return None
    restriction = PageViewRestriction.objects.filter(page=page).first()
    if restriction is None:
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
    restriction.groups.set([role_group(school, role) for role in STAFF_ROLES])
    return restriction
