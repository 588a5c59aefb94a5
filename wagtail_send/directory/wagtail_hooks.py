from django.urls import include, path
from wagtail import hooks

from .panels import StaleEntriesPanel
from .views import transfer
from .viewsets import DirectoryViewSetGroup


@hooks.register("register_admin_viewset")
def register_directory():
    return DirectoryViewSetGroup()


@hooks.register("register_admin_urls")
def register_transfer_urls():
    urls = [
        path("import/", transfer.ImportView.as_view(), name="import"),
        path("import/commit/", transfer.CommitView.as_view(), name="import_commit"),
        path("export/", transfer.ExportView.as_view(), name="export"),
    ]
    return [
        path(
            "send/directory/transfer/",
            include(
                (urls, "wagtail_send_directory_admin"), namespace="wagtail_send_directory_admin"
            ),
        )
    ]


@hooks.register("construct_homepage_panels")
def add_stale_panel(request, panels):
    panel = StaleEntriesPanel(request)
    if panel.services:
        panels.append(panel)
