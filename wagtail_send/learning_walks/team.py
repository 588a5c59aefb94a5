"""The walking team and its per-record grants.

Walkers reach a walk's records only through grants, made and taken back here, so the
core policy alone decides who reads what:

* the walk itself, the report and each member of staff's feedback: view and change;
* every observation on the walk: view, and change on their own.

Authors of these records hold only ``share`` by authorship, and walkers share new
records with the team on the walk's authority, so taking someone off the walk takes
away everything, their own notes included.

A guest walker (a visiting SENCO, say) is granted ``as_guest`` and so sees this walk
and nothing else. The walk's lead is the person who planned it (:func:`leads`).
"""

from django.db import transaction

from wagtail_send.access import can, grant, memberships_of, revoke

from .models import Feedback, Observation, Walker, WalkReport

#: What each walker is granted on each kind of record.
TEAM_ACTIONS = {
    "LearningWalk": ("view", "change"),
    "WalkReport": ("view", "change"),
    "Feedback": ("view", "change"),
    "Observation": ("view",),
}
#: What the author of an observation is granted on it, on top.
OWN_OBSERVATION_ACTIONS = ("view", "change")


def _records_of(walk):
    yield walk
    yield from WalkReport.objects.filter(walk=walk)
    yield from Feedback.objects.filter(walk=walk)
    yield from Observation.objects.filter(walk=walk)


def _is_guest(walk, user):
    return walk.school_id not in memberships_of(user)


def _actions(record, user):
    if isinstance(record, Observation) and record.created_by_id == user.pk:
        return OWN_OBSERVATION_ACTIONS
    return TEAM_ACTIONS[type(record).__name__]


def _grant_all(record, user, by, as_guest, via=None):
    for action in _actions(record, user):
        grant(record, user, action, by=by, as_guest=as_guest, via=via)


def add_walker(walk, user, role, *, by):
    """Put ``user`` on the walk in ``role`` and grant them the walk's records.

    Raises:
        ValidationError: from :func:`wagtail_send.access.grant` (an inactive account).
        PermissionDenied: ``by`` may not share the walk.
    """
    as_guest = _is_guest(walk, user)
    with transaction.atomic():
        walker = Walker.objects.create(walk=walk, user=user, role=role, is_guest=as_guest)
        for record in _records_of(walk):
            _grant_all(record, user, by, as_guest)
    return walker


def remove_walker(walker, *, by):
    """Take ``walker`` off the walk and revoke every grant they had on it."""
    walk, user = walker.walk, walker.user
    with transaction.atomic():
        for record in _records_of(walk):
            for action in _actions(record, user):
                revoke(record, user, action, by=by)
        walker.delete()


def share_with_team(record, *, by):
    """Grant every walker, the author too, a newly created report, feedback or observation.

    Anyone who may change the walk may share its new records with its team: a guest
    walker's authorship of their own observation does not count at the walk's school.
    """
    walkers = Walker.objects.filter(walk_id=record.walk_id).select_related("user")
    for walker in walkers:
        _grant_all(record, walker.user, by, walker.is_guest, via=record.walk)


def leads(user, walk):
    """Whether ``user`` leads ``walk``: they planned it and are still at its school.

    Only the lead may correct a walk once it has been signed off.
    """
    return walk.created_by_id == user.pk and can(user, "change", walk)
