"""The posts on a wall: one filtered, annotated query whatever the size of the wall."""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from wagtail_send.access import visible

from .models import Post, PostImage, Reply, Useful
from .rules import unhidden_for


def _count(model, **filters):
    rows = (
        model.objects.filter(post=OuterRef("pk"), **filters)
        .order_by()
        .values("post")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _first_image(field):
    """The post's first photo (the one its card shows): its id, or its description."""
    rows = PostImage.objects.filter(post=OuterRef("pk")).order_by("pk").values(field)[:1]
    return Subquery(rows)


def wall_posts(user, school, filters=None):
    """The active posts at ``school`` that ``user`` may see, newest first.

    Each has ``useful_count``, ``reply_count``, and its first photo's ``card_image_id``
    and ``card_image_description`` (None without one).

    Args:
        user: the person looking.
        school: the school whose wall it is (None gives nothing).
        filters: from :meth:`WallFilterForm.filters`: kind, area, team, theme,
            half_term, key_stage, since, q.
    """
    if school is None:
        return Post.objects.none()
    filters = filters or {}
    posts = (
        visible(user, Post)
        .active()
        .filter(unhidden_for(user), school=school)
        .select_related("team", "theme", "created_by")
        .prefetch_related("areas_of_need")
        .annotate(
            useful_count=_count(Useful),
            reply_count=_count(Reply, archived_at__isnull=True),
            card_image_id=_first_image("pk"),
            card_image_description=_first_image("description"),
        )
    )
    if filters.get("kind"):
        posts = posts.filter(kind=filters["kind"])
    if filters.get("area"):
        posts = posts.filter(areas_of_need=filters["area"])
    if filters.get("team"):
        posts = posts.filter(team=filters["team"])
    if filters.get("theme"):
        posts = posts.filter(theme=filters["theme"])
    if filters.get("key_stage"):
        posts = posts.filter(key_stages__contains=f",{filters['key_stage']},")
    if filters.get("half_term"):
        term = filters["half_term"]
        posts = posts.filter(
            created_at__date__gte=term.starts_on, created_at__date__lte=term.ends_on
        )
    if filters.get("since"):
        posts = posts.filter(created_at__gte=filters["since"])
    if filters.get("q"):
        # The body is stored as HTML, so a word may also match inside markup; the
        # title and text together are what staff search for.
        words = filters["q"].split()
        for word in words[:8]:
            posts = posts.filter(Q(title__icontains=word) | Q(body__icontains=word))
    return posts.order_by("-created_at", "-pk")
