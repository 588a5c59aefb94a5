"""Settings → SEND pages: what ``send_create_pages`` does, for a superuser in the admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..feature_pages import create_feature_pages, home_of
from ..models import School


class FeaturePagesView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_send/admin/feature_pages.html"
    page_title = gettext_lazy("SEND pages")
    header_icon = "doc-empty-inverse"

    def dispatch(self, request, *args, **kwargs):
        # Pages go under each site's root, which only a superuser may add to.
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        schools = School.objects.select_related("site").order_by("name")
        return super().get_context_data(
            schools=[(school, home_of(school)) for school in schools], **kwargs
        )

    def post(self, request, *args, **kwargs):
        made = [
            page for school in School.objects.all() for page in create_feature_pages(school) or ()
        ]
        if made:
            messages.success(
                request,
                _("Made %(pages)s.") % {"pages": ", ".join(f"“{page.title}”" for page in made)},
            )
        else:
            messages.info(request, _("Every feature page is already there."))
        return redirect("wagtail_send_feature_pages")
