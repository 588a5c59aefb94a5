"""Keep each school's role groups in step with its memberships.

Roles whose members work in the Wagtail admin (``ADMIN_ROLES``) get Wagtail's
``access_admin`` permission through their group; staff use the front end only.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from ..access.policy import forget_memberships
from ..roles import Role

ADMIN_ROLES = {Role.SENCO, Role.SLT, Role.GOVERNOR}


def role_group(school, role):
    """The Django group for ``role`` at ``school``, created on first use."""
    from ..models import RoleGroup

    link = RoleGroup.objects.filter(school=school, role=role).select_related("group").first()
    if link is not None:
        return link.group
    with transaction.atomic():
        label = Role(role).label
        name = f"{school.name} ({school.pk}): {label}"[:150]
        group, _ = Group.objects.get_or_create(name=name)
        if role in ADMIN_ROLES:
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label="wagtailadmin", codename="access_admin"
                )
            )
        RoleGroup.objects.create(school=school, role=role, group=group)
    return group


def on_membership_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        instance.user.groups.add(role_group(instance.school, instance.role))
        forget_memberships(instance.user)


def on_membership_deleted(sender, instance, **kwargs):
    from ..models import Membership

    still_holds = Membership.objects.filter(
        user_id=instance.user_id, school_id=instance.school_id, role=instance.role
    ).exists()
    if not still_holds:
        instance.user.groups.remove(role_group(instance.school, instance.role))
    forget_memberships(instance.user)
