"""What the wall page keeps in Django's cache, and how every write makes it forget.

Two kinds of entry, each under a *generation*: random tokens that writes replace, so
nothing cached before a write is ever read again.

* the school's rota records (half-terms with their teams, teams, themes) and the
  areas of need, shared by the rota and the filters: their generation is replaced by
  a write to a team, theme or half-term (or an area of need, everywhere);
* the wall's rendered main content (the ``{% cache %}`` fragment in ``wall_page.html``),
  keyed by who may see what (see :func:`audience`): its generation is replaced by
  any write the wall shows (posts, replies, useful marks, photos, grants, names), and
  by every write that replaces the records' generation.

Writes are seen through signals (saves, deletes, many-to-many changes) and through
:class:`WallQuerySet` (bulk writes, archiving), which send none. A generation is replaced
at once and again when the transaction commits, so a page rendered from the old rows
while the write was still open is not kept under the new generation.

With more than one web process the cache must be shared (Redis): a per-process cache
forgets only in the process that wrote.
"""

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail_send import generations
from wagtail_send.access import memberships_of
from wagtail_send.models import SchoolRecordQuerySet

#: Seconds a rendered wall or a school's rota records are kept at most.
TIMEOUT = 60 * 60
_PREFIX = "wagtail_send:wall"
_EVERYWHERE = f"{_PREFIX}:gen"


def _key(school_id, records=False):
    return f"{_PREFIX}:gen:{'records:' if records else ''}{school_id}"


def generation(school_id, records=False):
    """The current tokens of ``school_id``'s wall (or only its records), as one string."""
    keys = [_EVERYWHERE, _key(school_id, records=True)]
    if not records:
        keys.append(_key(school_id))
    return generations.current(*keys)


def forget(school_ids=None, records=False):
    """Make the walls of ``school_ids`` (every wall for None) forget what they cached.

    Args:
        school_ids: the schools whose walls changed; None for every school.
        records: True when a team, theme or half-term changed, too.
    """
    if school_ids is None:
        keys = [_EVERYWHERE]
    else:
        ids = set(school_ids)
        keys = [_key(pk) for pk in ids] + [_key(pk, records=True) for pk in ids if records]
    if keys:
        generations.move_on(*keys)


def cached_for_school(name, school, build, records=False):
    """``build()``, kept for the school's current generation (of its records only)."""
    key = f"{_PREFIX}:{name}:{school.pk}:{generation(school.pk, records=records)}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def _view_roles():
    from .models import Post

    return {role for role, actions in Post.role_actions.items() if "view" in actions}


def audience(user, school, hidden_authors):
    """Whose view of ``school``'s wall ``user`` shares, as a part of the cache key.

    People whose roles at the school let them read every post there see the same wall
    as anyone else with those roles, unless they wrote a post the SENCO has hidden
    (they, alone, still see it). Everyone else (a guest with posts shared by grant,
    say) has a wall of their own.

    Args:
        user: the signed-in person.
        school: the wall's school.
        hidden_authors: a callable giving the ids of people with hidden posts there.
    """
    from .rules import moderated_school_ids

    if user.is_superuser and user.is_active:
        return "superuser"
    roles = memberships_of(user).get(school.pk, set())
    reads_all = bool(roles & _view_roles())
    if reads_all and (school.pk in moderated_school_ids(user) or user.pk not in hidden_authors()):
        return f"roles:{','.join(sorted(roles))}"
    return f"person:{user.pk}"


def _is_rota_record(model):
    from .models import RotaRecord

    return issubclass(model, RotaRecord)


class WallQuerySet(SchoolRecordQuerySet):
    """Bulk writes (and so archiving and restoring) make the schools' walls forget."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = super().bulk_create(objs, *args, **kwargs)
        self._forget(objs)
        return objs

    def bulk_update(self, objs, fields, batch_size=None):
        objs = list(objs)
        count = super().bulk_update(objs, fields, batch_size=batch_size)
        self._forget(objs)
        return count

    def _forget(self, objs):
        forget({obj.school_id for obj in objs}, records=_is_rota_record(self.model))


def _forget_record(sender, instance, **kwargs):
    forget([instance.school_id], records=_is_rota_record(sender))


def _forget_post_part(sender, instance, **kwargs):
    """A useful mark, a photo or a grant: the wall of the post's school forgets."""
    from .models import Post, PostUserGrant

    try:
        post = instance.content_object if isinstance(instance, PostUserGrant) else instance.post
    except Post.DoesNotExist:  # deleted with its post, which made the wall forget already
        return
    forget([post.school_id])


def _forget_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        forget([instance.school_id], records=_is_rota_record(type(instance)))


def _forget_everywhere(sender, **kwargs):
    forget()


def _forget_unless_sign_in(sender, update_fields=None, **kwargs):
    # Names appear on posts; signing in only stamps last_login, which nobody sees.
    if update_fields is None or set(update_fields) != {"last_login"}:
        forget()


def _forget_image(sender, instance, **kwargs):
    from .models import PostImage

    schools = PostImage.objects.filter(image=instance).values_list("post__school_id", flat=True)
    if schools:
        forget(schools)


def connect():
    """Called from the app's ``ready()``."""
    from django.contrib.auth import get_user_model
    from wagtail.images import get_image_model

    from wagtail_send.models import NeedType

    from .models import HalfTerm, Post, PostImage, PostUserGrant, Reply, Team, Theme, Useful

    for model in (Post, Reply, Team, Theme, HalfTerm):
        post_save.connect(_forget_record, sender=model, dispatch_uid=f"lw-forget-{model}")
        post_delete.connect(_forget_record, sender=model, dispatch_uid=f"lw-forget-d-{model}")
    for model in (Useful, PostImage, PostUserGrant):
        post_save.connect(_forget_post_part, sender=model, dispatch_uid=f"lw-forget-{model}")
        post_delete.connect(_forget_post_part, sender=model, dispatch_uid=f"lw-forget-d-{model}")
    for through in (Post.areas_of_need.through, HalfTerm.teams_due.through):
        m2m_changed.connect(_forget_m2m, sender=through, dispatch_uid=f"lw-forget-{through}")
    post_save.connect(_forget_everywhere, sender=NeedType, dispatch_uid="lw-forget-needtype")
    post_delete.connect(_forget_everywhere, sender=NeedType, dispatch_uid="lw-forget-d-needtype")
    post_save.connect(_forget_unless_sign_in, sender=get_user_model(), dispatch_uid="lw-user")
    post_save.connect(_forget_image, sender=get_image_model(), dispatch_uid="lw-forget-image")
