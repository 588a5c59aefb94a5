"""What the wall page shows, worked out only when its cached fragment is missing.

The page template caches its main content (``{% cache %}``) under :attr:`Wall.cache_key`;
everything else here is read lazily, so a cache hit costs no query of the wall's own
beyond what :func:`audience` needs.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.utils import timezone, translation
from django.utils.functional import cached_property

from wagtail_send import access, caching
from wagtail_send.models import NeedType

from .forms import WallFilterForm
from .models import Post
from .renewals import ROTA, WALL
from .rota import RotaRecords, rota_status
from .rules import moderated_school_ids
from .wall import wall_posts


@dataclass
class SchoolRecords:
    """The lists the rota and the filters share: read once per cache generation."""

    rota: RotaRecords
    themes: list
    areas: list

    @classmethod
    def of(cls, school):
        from .models import Theme

        return cls(
            rota=RotaRecords.of(school),
            themes=list(Theme.objects.active().filter(school=school)),
            areas=list(NeedType.objects.filter(in_use=True)),
        )

    def choices(self):
        return {
            "area": self.areas,
            "team": self.rota.teams,
            "theme": self.themes,
            "half_term": self.rota.half_terms,
        }


def _hidden_authors(school):
    return frozenset(
        Post.objects.active()
        .filter(school=school, hidden=True)
        .exclude(created_by=None)
        .values_list("created_by_id", flat=True)
    )


def audience(user, school, hidden_authors):
    """Whose view of ``school``'s wall ``user`` shares, as a part of the cache key.

    The core's rule (:func:`wagtail_send.access.audience`) for posts and replies, and
    one of the wall's own: the author of a post the SENCO has hidden still sees it, so
    unless they moderate, their wall is their own.

    Args:
        user: the signed-in person.
        school: the wall's school.
        hidden_authors: a callable giving the ids of people with hidden posts there.
    """
    from .models import Reply

    shared = access.audience(user, school.pk, (Post, Reply))
    if shared is not None and (
        user.is_superuser
        or school.pk in moderated_school_ids(user)
        or user.pk not in hidden_authors()
    ):
        return shared
    return f"person:{user.pk}"


class Wall:
    """One request's view of a school's wall."""

    def __init__(self, request, page, school, per_page):
        self.request = request
        self.page = page
        self.school = school
        self.per_page = per_page
        self.today = timezone.localdate()

    @property
    def timeout(self):
        return caching.timeout()

    @cached_property
    def records(self):
        if self.school is None:
            return SchoolRecords(RotaRecords([], []), [], [])
        return caching.cached(
            ROTA, self.school.pk, ("records",), lambda: SchoolRecords.of(self.school)
        )

    @cached_property
    def filter_form(self):
        return WallFilterForm(self.request.GET or None, records=self.records.choices())

    @cached_property
    def page_obj(self):
        form = self.filter_form
        filters = form.filters() if form.is_valid() else {}
        posts = wall_posts(self.request.user, self.school, filters)
        return Paginator(posts, self.per_page).get_page(self.request.GET.get("page"))

    @cached_property
    def posts(self):
        return list(self.page_obj.object_list)

    @cached_property
    def rota(self):
        if self.school is None:
            return None
        return rota_status(self.school, self.today, self.records.rota)

    @cached_property
    def cache_key(self):
        """Everything the main content depends on (see :func:`audience`), or None
        when there is no school to key it by."""
        school = self.school
        if school is None:
            return None
        who = audience(
            self.request.user,
            school,
            lambda: caching.cached(WALL, school.pk, ("hidden",), lambda: _hidden_authors(school)),
        )
        return caching.key(
            WALL,
            school.pk,
            who,
            self.page.pk,
            self.page.live_revision_id,
            self.today.isoformat(),
            translation.get_language(),
            sorted(self.request.GET.lists()),
        )
