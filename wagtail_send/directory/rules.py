"""The directory's rules that are not plain per-record CRUD, each in one place.

* Who sees the staff-only fields (internal notes, who checks the entry): members of the
  entry's school. Everyone else, signed in or not, sees the public fields of public entries.
* An entry's maintainer may edit it: they hold a per-record ``change`` grant, given and
  taken back (and logged) through :mod:`wagtail_send.access` whenever the maintainer changes.
"""

from django.contrib.auth import get_user_model

from wagtail_send.access import grant, grants_for, memberships_of, revoke


def sees_staff_fields(user, school_id):
    """Whether ``user`` may read the staff-only fields of entries of school ``school_id``."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return school_id in memberships_of(user)


def sync_maintainer_grant(service, previous_maintainer_id, *, by):
    """Move the ``change`` grant from the previous maintainer to the current one.

    Args:
        service: the saved service.
        previous_maintainer_id: the maintainer's id before the save (None if none).
        by: the person who made the change; they need ``share`` on the service.
    """
    if previous_maintainer_id == service.maintainer_id:
        return
    if previous_maintainer_id:
        previous = get_user_model().objects.filter(pk=previous_maintainer_id).first()
        held = dict(grants_for(service)).get(previous, [])
        if previous is not None and "change" in held:
            revoke(service, previous, "change", by=by)
    if service.maintainer_id:
        grant(service, service.maintainer, "change", by=by)
