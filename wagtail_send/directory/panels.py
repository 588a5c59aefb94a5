"""The admin dashboard panel listing directory entries due for a check."""

from django.utils.functional import cached_property
from wagtail.admin.ui.components import Component

from wagtail_send.access import visible
from wagtail_send.conf import send_settings

from .models import Service

SHOWN = 10


class StaleEntriesPanel(Component):
    """Entries the person may change that have not been checked for too long."""

    name = "directory_stale"
    order = 250
    template_name = "wagtail_send/directory/admin/stale_panel.html"

    def __init__(self, request):
        self.request = request

    @cached_property
    def services(self):
        stale = (
            visible(self.request.user, Service, "change")
            .stale()
            .order_by("last_verified_on", "name")
        )
        return list(stale.select_related("maintainer")[: SHOWN + 1])

    def get_context_data(self, parent_context=None):
        return {
            "services": self.services[:SHOWN],
            "more": len(self.services) > SHOWN,
            "days": send_settings.DIRECTORY_STALE_AFTER_DAYS,
        }
