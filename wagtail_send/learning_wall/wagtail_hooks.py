from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup

from .admin import HalfTermViewSet, PostViewSet, TeamViewSet, ThemeViewSet
from .bulk import ArchivePostsBulkAction
from .pages import LearningWallPage
from .privacy import restrict_to_staff


class LearningWallViewSetGroup(ModelViewSetGroup):
    menu_label = _("Learning wall")
    menu_icon = "image"
    items = (PostViewSet, TeamViewSet, HalfTermViewSet, ThemeViewSet)


@hooks.register("register_admin_viewset")
def register_learning_wall():
    return LearningWallViewSetGroup()


hooks.register("register_bulk_action", ArchivePostsBulkAction)


@hooks.register("after_create_page")
def make_new_wall_private(request, page):
    if isinstance(page.specific, LearningWallPage):
        restrict_to_staff(page.specific)
