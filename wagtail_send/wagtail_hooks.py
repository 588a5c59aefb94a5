from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .access.choices import in_open_collections
from .caching.pages import note_served_page
from .views.pages import FeaturePagesView
from .viewsets import SchoolsViewSetGroup


@hooks.register("register_admin_viewset")
def register_schools():
    return SchoolsViewSetGroup()


hooks.register("before_serve_page", note_served_page)


@hooks.register("register_admin_urls")
def register_feature_pages_url():
    return [path("send-pages/", FeaturePagesView.as_view(), name="wagtail_send_feature_pages")]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_feature_pages_menu_item():
    return SuperuserMenuItem(
        gettext_lazy("SEND pages"),
        reverse_lazy("wagtail_send_feature_pages"),
        icon_name="doc-empty-inverse",
    )


@hooks.register("construct_document_chooser_queryset")
@hooks.register("construct_image_chooser_queryset")
def hide_closed_collections(files, request):
    return files.filter(in_open_collections(request.user))
