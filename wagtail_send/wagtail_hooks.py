from wagtail import hooks

from .viewsets import SchoolsViewSetGroup


@hooks.register("register_admin_viewset")
def register_schools():
    return SchoolsViewSetGroup()
