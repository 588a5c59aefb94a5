"""Spotting text that looks like a pupil's name in a walker's notes.

The check itself is the core's (:mod:`wagtail_send.pupil_names`), shared with the public
documents; a walk also spares the first names of its visiting walkers.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from wagtail_send.pupil_names import find_names, replace_names

__all__ = ["find_names", "replace_names", "staff_first_names"]


def staff_first_names(walk):
    """First names of the school's members and the walk's walkers (one query)."""
    people = get_user_model().objects.filter(
        Q(send_memberships__school_id=walk.school_id) | Q(pk__in=walk.walkers.values("user_id"))
    )
    return {name for name in people.values_list("first_name", flat=True).distinct() if name}
