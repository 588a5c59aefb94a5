"""The learning wall page: the wall itself, filtered and searchable, for staff only.

The page model sits above the records and the display it shows, so models.py never
imports it: the app's ``import_models`` does, as Wagtail needs every page model loaded
with the models.
"""

from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import Page

from ..schools import get_current_school
from ..signin import redirect_to_login
from .display import Wall


class LearningWallPage(Page):
    """Where staff see the wall. Put it under the school's home page.

    A new wall page is made private to the school's staff (Wagtail page privacy,
    see ``wagtail_hooks``); the posts on it are filtered by the core permission policy.
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    per_page = 12

    content_panels = [*Page.content_panels, "intro"]
    subpage_types = []
    max_count_per_parent = 1
    template = "wagtail_send/learning_wall/wall_page.html"

    class Meta:
        verbose_name = _("learning wall")

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        school = get_current_school(request)
        query = request.GET.copy()
        query.pop("page", None)
        context = self.get_context(request, *args, **kwargs)
        # Lazy: on a hit of the template's cached fragment none of these is read.
        wall = Wall(request, self, school, self.per_page)
        context.update(
            school=school,
            query_string=query.urlencode(),
            wall=wall,
            filter_form=SimpleLazyObject(lambda: wall.filter_form),
            page_obj=SimpleLazyObject(lambda: wall.page_obj),
            posts=SimpleLazyObject(lambda: wall.posts),
            rota=SimpleLazyObject(lambda: wall.rota),
        )
        return TemplateResponse(request, self.get_template(request), context)
