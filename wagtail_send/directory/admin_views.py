"""Admin views specific to directory services: maintainer grants, import/export buttons."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets.button import Button

from wagtail_send.access import policy_for
from wagtail_send.views.records import RecordCreateView, RecordEditView, RecordIndexView

from .models import Service
from .rules import sync_maintainer_grant

EXPORTS = [
    ("csv", _("Export as CSV")),
    ("xlsx", _("Export as Excel")),
    ("json", _("Export as Open Referral UK")),
]


class ServiceChildIndexView(RecordIndexView):
    """Contacts and locations: each row names its service, fetched in the same query."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("service")


class ServiceIndexView(RecordIndexView):
    """The services listing, with Import and Export in its "More" menu."""

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        policy = policy_for(Service)
        user = self.request.user
        if policy.user_has_permission(user, "add"):
            buttons.append(
                Button(
                    _("Import"),
                    url=reverse("wagtail_send_directory_admin:import"),
                    icon_name="upload",
                    priority=30,
                )
            )
        if policy.user_has_permission(user, "export"):
            url = reverse("wagtail_send_directory_admin:export")
            for priority, (fmt, label) in enumerate(EXPORTS, start=40):
                buttons.append(
                    Button(
                        label, url=f"{url}?format={fmt}", icon_name="download", priority=priority
                    )
                )
        return buttons


class ServiceCreateView(RecordCreateView):
    def save_instance(self):
        service = super().save_instance()
        sync_maintainer_grant(service, None, by=self.request.user)
        return service


class ServiceEditView(RecordEditView):
    def get_object(self, queryset=None):
        service = super().get_object(queryset)
        self._previous_maintainer_id = service.maintainer_id
        return service

    def save_instance(self):
        service = super().save_instance()
        sync_maintainer_grant(service, self._previous_maintainer_id, by=self.request.user)
        return service
