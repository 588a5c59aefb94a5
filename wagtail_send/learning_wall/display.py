"""What the wall page shows, worked out only when its cached fragment is missing.

The page template caches its main content (``{% cache %}``) under :attr:`Wall.cache_key`;
everything else here is read lazily, so a cache hit costs no query of the wall's own
beyond what :func:`cache.audience` needs.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.utils import timezone, translation
from django.utils.functional import cached_property

from wagtail_send.models import NeedType

from . import cache
from .forms import WallFilterForm
from .models import Post
from .rota import RotaRecords, rota_status
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


class Wall:
    """One request's view of a school's wall."""

    timeout = cache.TIMEOUT

    def __init__(self, request, page, school, per_page):
        self.request = request
        self.page = page
        self.school = school
        self.per_page = per_page
        self.today = timezone.localdate()

    @cached_property
    def records(self):
        if self.school is None:
            return SchoolRecords(RotaRecords([], []), [], [])
        return cache.cached_for_school(
            "records", self.school, lambda: SchoolRecords.of(self.school), records=True
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
        """Everything the main content depends on (see :func:`cache.audience`), or None
        when there is no school to key it by."""
        school = self.school
        if school is None:
            return None
        audience = cache.audience(
            self.request.user,
            school,
            lambda: cache.cached_for_school("hidden", school, lambda: _hidden_authors(school)),
        )
        return "|".join(
            str(part)
            for part in (
                school.pk,
                cache.generation(school.pk),
                audience,
                self.page.pk,
                self.page.live_revision_id,
                self.today.isoformat(),
                translation.get_language(),
                self.request.GET.urlencode(),
            )
        )
