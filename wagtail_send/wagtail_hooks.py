from wagtail import hooks

from .caching.pages import note_served_page
from .viewsets import SchoolsViewSetGroup


@hooks.register("register_admin_viewset")
def register_schools():
    return SchoolsViewSetGroup()


hooks.register("before_serve_page", note_served_page)
