"""The learning wall page: the wall itself, filtered and searchable, for staff only."""

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import Page


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
        from wagtail_send.schools import get_current_school

        from .forms import WallFilterForm
        from .rota import rota_status
        from .wall import wall_posts

        school = get_current_school(request)
        form = WallFilterForm(request.GET or None, school=school)
        posts = wall_posts(request.user, school, form.filters() if form.is_valid() else {})
        page_obj = Paginator(posts, self.per_page).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = self.get_context(request, *args, **kwargs)
        context.update(
            school=school,
            filter_form=form,
            page_obj=page_obj,
            posts=list(page_obj.object_list),
            query_string=query.urlencode(),
            rota=rota_status(school) if school else None,
        )
        return TemplateResponse(request, self.get_template(request), context)
