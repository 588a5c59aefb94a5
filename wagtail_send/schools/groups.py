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


def sync_role_groups(user):
    """Put ``user`` in exactly the role groups of the memberships they hold now.

    A membership whose role or school changes must also take the person out of the old
    group, or they would keep its Wagtail admin access and page permissions.
    """
    from ..models import Membership, RoleGroup

    held = Membership.objects.filter(user=user).select_related("school")
    wanted = {role_group(m.school, m.role) for m in held}
    user.groups.add(*wanted)
    user.groups.remove(
        *Group.objects.filter(user=user, pk__in=RoleGroup.objects.values("group")).exclude(
            pk__in=[group.pk for group in wanted]
        )
    )
    forget_memberships(user)


def on_membership_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_role_groups(instance.user)


def on_membership_deleted(sender, instance, **kwargs):
    sync_role_groups(instance.user)
