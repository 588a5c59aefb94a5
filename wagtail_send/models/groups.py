from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..roles import Role


class RoleGroup(models.Model):
    """The Django group that mirrors one role in one school.

    Wagtail's own permissions (page permissions, workflow approval tasks, admin access)
    are granted to groups, so each (school, role) has one, kept in step with
    :class:`Membership` by :mod:`wagtail_send.schools.groups`.
    """

    school = models.ForeignKey(
        "wagtail_send.School", on_delete=models.CASCADE, related_name="role_groups"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="send_role")

    class Meta:
        verbose_name = _("role group")
        verbose_name_plural = _("role groups")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "role"], name="wagtail_send_one_group_per_role"
            )
        ]

    def __str__(self):
        return self.group.name
