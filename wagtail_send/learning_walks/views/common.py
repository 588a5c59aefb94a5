"""Helpers every learning-walk view shares: fetching a record the person may act on."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from wagtail_send.access import can

from ..models import LearningWalk


def walk_for(request, pk, action="view"):
    """The active walk ``pk`` if the person may do ``action`` to it; 404 or 403 otherwise."""
    walk = get_object_or_404(LearningWalk.objects.active().select_related("school"), pk=pk)
    check(request.user, action, walk)
    return walk


def check(user, action, record):
    """Raise PermissionDenied unless the core policy lets ``user`` do ``action``."""
    if not can(user, action, record):
        raise PermissionDenied


def walker_of(walk, user):
    """The person's Walker row on this walk, or None."""
    return walk.walkers.filter(user=user).first()
