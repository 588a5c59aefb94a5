"""Looking up a post for a request, with the access checks every view shares."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from wagtail_send.access import can

from ..models import Post
from ..pages import LearningWallPage
from ..rules import can_see


def get_post(request, pk, action="view"):
    """The post, if the person may do ``action`` to it; 404 if they may not even see it.

    Archived posts are found only by the people who could restore them.
    """
    post = get_object_or_404(Post.objects.select_related("school", "team", "theme"), pk=pk)
    user = request.user
    if not can_see(user, post) or (post.is_archived and not can(user, "delete", post)):
        raise Http404
    if action != "view" and not can(user, action, post):
        raise PermissionDenied
    return post


def wall_url(school):
    """The learning wall page of ``school``'s site, or of the only wall there is."""
    walls = LearningWallPage.objects.live()
    if school is not None and school.site_id:
        wall = walls.descendant_of(school.site.root_page, inclusive=True).first()
        if wall is not None:
            return wall.url
    wall = walls.first()
    return wall.url if wall is not None else "/"
