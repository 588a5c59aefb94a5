"""Sharing one record with one person: guardian object permissions, every change logged."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from guardian.shortcuts import remove_perm

from ..roles import GRANTABLE_ACTIONS
from .policy import can, forget_memberships, memberships_of, policy_for


def _display(user):
    return user.get_full_name() or user.get_username()


def _check(record, user, action, by, via=None):
    if action not in GRANTABLE_ACTIONS:
        raise ValidationError(
            _("“%(action)s” cannot be shared. Choose one of: %(choices)s.")
            % {"action": action, "choices": ", ".join(GRANTABLE_ACTIONS)}
        )
    if not (can(by, "share", record) or (via is not None and can(by, "change", via))):
        raise PermissionDenied(_("You cannot share this record."))


def _log(record, user, action, by, kind, as_guest):
    from ..models import AccessChange

    AccessChange.objects.create(
        kind=kind,
        action=action,
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        object_repr=str(record)[:255],
        school_id=record.school_id,
        grantee=user,
        grantee_name=_display(user),
        as_guest=as_guest,
        changed_by=by,
    )


def grant(record, user, action, *, by, as_guest=False, via=None):
    """Let ``user`` do ``action`` to ``record``, on ``by``'s authority.

    Args:
        record: the record to share.
        user: the person to share it with.
        action: one of ``view``, ``change``, ``delete``.
        by: the person sharing it; they need the ``share`` action on the record.
        as_guest: must be True to share with someone who is not a member of the
            record's school (a visiting SENCO, say), so that crossing schools is a
            deliberate act.
        via: a record that ``record`` belongs to, whose ``change`` action lets ``by``
            share it instead (a walker shares their new observation with the walk's
            team, though a guest's authorship gives them no ``share``).

    Raises:
        ValidationError: the action cannot be shared, the person is inactive, or is
            outside the school without ``as_guest``.
        PermissionDenied: ``by`` may not share this record.
    """
    _check(record, user, action, by, via)
    if not user.is_active:
        raise ValidationError(
            _("%(person)s's account is not active.") % {"person": _display(user)}
        )
    is_member = record.school_id in memberships_of(user)
    if not is_member and not as_guest:
        raise ValidationError(
            _(
                "%(person)s is not a member of %(school)s. Invite them as a guest to share "
                "this one record with them."
            )
            % {"person": _display(user), "school": record.school}
        )
    policy = policy_for(record)
    as_guest = as_guest and not is_member
    permission = Permission.objects.get(
        content_type=ContentType.objects.get_for_model(record),
        codename=policy._codename(action),
    )
    with transaction.atomic():
        # A grant made to a member counts only while they stay one (see ``policy``);
        # granting again records how it is held now.
        policy.grant_model.objects.update_or_create(
            user=user,
            permission=permission,
            content_object=record,
            defaults={"as_guest": as_guest},
        )
        _log(record, user, action, by, "granted", as_guest)
    forget_memberships(user)


def revoke(record, user, action, *, by):
    """Take back a grant made with :func:`grant`; logged like the grant."""
    _check(record, user, action, by)
    codename = policy_for(record)._codename(action)
    with transaction.atomic():
        remove_perm(codename, user, record)
        _log(record, user, action, by, "revoked", record.school_id not in memberships_of(user))
    forget_memberships(user)


def grants_for(record):
    """``[(user, [actions])]`` for everyone with a per-record grant on ``record``."""
    policy = policy_for(record)
    rows = (
        policy.grant_model.objects.filter(content_object=record)
        .select_related("user", "permission")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    people = {}
    for row in rows:
        action = row.permission.codename.rsplit("_", 1)[0]
        people.setdefault(row.user, []).append(action)
    return list(people.items())
