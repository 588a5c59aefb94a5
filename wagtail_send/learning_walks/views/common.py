"""Helpers every learning-walk view shares: fetching a record the person may act on."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404

from wagtail_send.access import can

from ..models import LearningWalk
from ..team import leads, share_with_team

#: Actions that write to a walk: once it is signed off, only its lead may, with a reason.
WRITES = {"change", "delete", "share"}


def walk_for(request, pk, action="view"):
    """The active walk ``pk`` if the person may do ``action`` to it; 404 or 403 otherwise.

    A signed-off walk is locked: writing to it is a correction, for its lead alone.
    """
    walk = get_object_or_404(LearningWalk.objects.active().select_related("school"), pk=pk)
    if not may(request.user, action, walk):
        raise PermissionDenied
    return walk


def may(user, action, walk):
    """The core policy's answer for the walk, and the lock's: once signed off, a write is
    a correction, for its lead alone."""
    if action in WRITES and walk.is_locked and not leads(user, walk):
        return False
    return can(user, action, walk)


def check(user, action, record):
    """Raise PermissionDenied unless the core policy lets ``user`` do ``action``."""
    if not can(user, action, record):
        raise PermissionDenied


def walker_of(walk, user):
    """The person's Walker row on this walk, or None."""
    return walk.walkers.filter(user=user).first()


def existing_or_new(request, model, walk, **lookup):
    """The walk's record found by ``lookup`` (if the person may change it), or a new one."""
    record = model.objects.filter(walk=walk, **lookup).first()
    if record is None:
        return model(walk=walk, school=walk.school, created_by=request.user, **lookup)
    check(request.user, "change", record)
    return record


def save_shared(request, form):
    """Save the form's record with its change note; a new one is shared with the walk's team."""
    with form.noting(), transaction.atomic():
        is_new = form.instance.pk is None
        record = form.save()
        if is_new:
            share_with_team(record, by=request.user)
    return record
