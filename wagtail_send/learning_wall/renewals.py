"""What the wall keeps in the cache, and which writes renew it (declared in ``ready()``).

* ``wall-rota``: the school's rota records (half-terms with their teams, teams, themes)
  and the areas of need, shared by the rota and the filters; renewed by a write to a
  team, theme or half-term (an area of need: at every school).
* ``wall``: the wall's rendered main content (the ``{% cache %}`` fragment in
  ``wall_page.html``), keyed by who may see what; renewed by any write the wall shows
  (posts, replies, useful marks, photos, grants, names) and with ``wall-rota``.
"""

from wagtail_send import caching

WALL = "wall"
ROTA = "wall-rota"


def _post_school(instance, **kwargs):
    """A useful mark, a photo or a grant: the school of its post."""
    from .models import Post, PostUserGrant

    try:
        post = instance.content_object if isinstance(instance, PostUserGrant) else instance.post
    except Post.DoesNotExist:  # deleted with its post, which renewed the wall already
        return []
    return [post.school_id]


def _unless_sign_in(instance, update_fields=None, **kwargs):
    # Names appear on posts; signing in only stamps last_login, which nobody sees.
    if update_fields is not None and set(update_fields) == {"last_login"}:
        return []
    return None


def declare():
    """Called from the app's ``ready()``."""
    from django.contrib.auth import get_user_model

    from wagtail_send.models import NeedType

    from .models import HalfTerm, Post, PostImage, PostUserGrant, Reply, Team, Theme, Useful

    caching.renews([WALL], Post, Reply, Post.areas_of_need.through)
    caching.renews([WALL, ROTA], Team, Theme, HalfTerm, HalfTerm.teams_due.through, NeedType)
    caching.renews([WALL], Useful, PostImage, PostUserGrant, schools=_post_school)
    caching.renews([WALL], get_user_model(), schools=_unless_sign_in)
