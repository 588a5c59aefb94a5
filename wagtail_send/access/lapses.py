"""The access log's record of grants and authorship that follow a person's membership.

A member's grants and authorship at a school count only while they hold a membership
there (see :mod:`.policy`). When their last membership at a school ends (deleted, or
moved to another school or person), each such grant and each record they wrote there
gets a "stopped counting" row in the access log; when they join the school again, a
"counts again" row. Grants made to them as a guest are untouched, so not logged.
"""

from django.contrib.contenttypes.models import ContentType
from simple_history.models import HistoricalRecords

from ..audit.history import _get_user
from .policy import forget_memberships, grant_model_for

_WAS = "_wagtail_send_was"


def _held_at(user_id, school_id):
    """Every member's grant and authored record of ``user_id`` at ``school_id``."""
    from ..models import AccessChange, record_models

    for model in record_models():
        grant_model = grant_model_for(model)
        if grant_model is not None:
            grants = grant_model.objects.filter(
                user_id=user_id, as_guest=False, content_object__school_id=school_id
            ).select_related("permission", "content_object")
            for row in grants:
                yield row.content_object, row.permission.codename.rsplit("_", 1)[0]
        if getattr(model, "author_actions", ()):
            for record in model._default_manager.filter(school_id=school_id, created_by=user_id):
                yield record, AccessChange.AUTHORSHIP


def _log(user, school_id, kind):
    from ..models import AccessChange

    turns = [AccessChange.Kind.LAPSED, AccessChange.Kind.RESUMED]
    last = (
        AccessChange.objects.filter(grantee=user, school_id=school_id, kind__in=turns)
        .values_list("kind", flat=True)
        .first()
    )
    # Log each turn once: a person leaving two roles at once leaves the school once.
    if (last == AccessChange.Kind.LAPSED) == (kind == AccessChange.Kind.LAPSED):
        return
    by = _get_user(request=getattr(HistoricalRecords.context, "request", None))
    name = user.get_full_name() or user.get_username()
    AccessChange.objects.bulk_create(
        AccessChange(
            kind=kind,
            action=action,
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            object_repr=str(record)[:255],
            school_id=school_id,
            grantee=user,
            grantee_name=name,
            changed_by=by,
        )
        for record, action in _held_at(user.pk, school_id)
    )


def _ended(user, school_id):
    from ..models import AccessChange, Membership

    if not Membership.objects.filter(user=user, school_id=school_id).exists():
        _log(user, school_id, AccessChange.Kind.LAPSED)
    forget_memberships(user)


def _started(user, school_id):
    from ..models import AccessChange

    _log(user, school_id, AccessChange.Kind.RESUMED)
    forget_memberships(user)


def remember_membership(sender, instance, raw=False, **kwargs):
    """pre_save: note whose membership of which school this row was, before the change."""
    if not raw and instance.pk:
        setattr(
            instance,
            _WAS,
            sender.objects.filter(pk=instance.pk).values_list("user", "school").first(),
        )


def on_membership_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    was = instance.__dict__.pop(_WAS, None)
    now = (instance.user_id, instance.school_id)
    if was is not None and was != now:
        from django.contrib.auth import get_user_model

        _ended(get_user_model().objects.get(pk=was[0]), was[1])
    if created or (was is not None and was != now):
        _started(instance.user, instance.school_id)


def on_membership_deleted(sender, instance, origin=None, **kwargs):
    # Only a membership ended on its own: deleting the person or the school takes
    # their grants, or the records, with it.
    if isinstance(origin, sender) or getattr(origin, "model", None) is sender:
        _ended(instance.user, instance.school_id)
