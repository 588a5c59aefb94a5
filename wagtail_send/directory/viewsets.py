"""Wagtail admin viewsets for the directory: one per ORUK object, grouped in one menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSetGroup

from wagtail_send.viewsets import SchoolRecordViewSet

from . import admin_views
from .forms import DirectoryRecordForm, ServiceAdminForm
from .models import (
    SERVICE_DETAIL_FIELDS,
    Contact,
    FeedSubscription,
    Location,
    Organisation,
    Service,
    SyncLog,
)


class DirectoryViewSet(SchoolRecordViewSet):
    """Links to services and organisations offer only the person's own."""

    base_form_class = DirectoryRecordForm

    def get_edit_handler(self):
        panels = getattr(self, "panels", None) or [FieldPanel(n) for n in self.form_fields]
        return ObjectList(panels, base_form_class=self.base_form_class).bind_to_model(self.model)


class ServiceViewSet(DirectoryViewSet):
    model = Service
    icon = "list-ul"
    menu_label = _("Services")
    index_view_class = admin_views.ServiceIndexView
    add_view_class = admin_views.ServiceCreateView
    edit_view_class = admin_views.ServiceEditView
    list_display = [
        "name",
        "service_type",
        "status",
        BooleanColumn("is_public"),
        "last_verified_on",
    ]
    list_filter = [
        "service_type",
        "status",
        "is_public",
        "need_communication",
        "need_cognition",
        "need_semh",
        "need_sensory",
    ]
    search_fields = ["name", "description", "eligibility", "internal_notes"]
    inspect_view_fields = [
        "name",
        "organisation",
        *SERVICE_DETAIL_FIELDS,
        "last_verified_on",
        "last_verified_by",
        "maintainer",
        "uid",
    ]
    panels = [
        FieldPanel("school"),
        FieldPanel("name"),
        FieldPanel("organisation"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("service_type")]),
        MultiFieldPanel(
            [
                FieldPanel("need_communication"),
                FieldPanel("need_cognition"),
                FieldPanel("need_semh"),
                FieldPanel("need_sensory"),
            ],
            heading=_("Areas of need"),
        ),
        FieldPanel("eligibility"),
        FieldRowPanel([FieldPanel("minimum_age"), FieldPanel("maximum_age")]),
        FieldPanel("application_process"),
        FieldPanel("fees"),
        FieldPanel("languages"),
        FieldRowPanel([FieldPanel("url"), FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("is_public"),
        MultiFieldPanel(
            [
                FieldPanel("internal_notes"),
                FieldPanel("maintainer"),
                FieldRowPanel([FieldPanel("last_verified_on"), FieldPanel("last_verified_by")]),
            ],
            heading=_("For school staff only"),
        ),
    ]
    base_form_class = ServiceAdminForm


class OrganisationViewSet(DirectoryViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    form_fields = ["school", "name", "description", "email", "website"]
    list_display = ["name", "email", "website"]
    search_fields = ["name", "description"]


class ContactViewSet(DirectoryViewSet):
    model = Contact
    index_view_class = admin_views.ServiceChildIndexView
    icon = "user"
    menu_label = _("Contacts")
    form_fields = [
        "school",
        "service",
        "name",
        "title",
        "phone",
        "email",
        "other_details",
        "is_public",
    ]
    list_display = ["name", "title", "service", "phone", "email", BooleanColumn("is_public")]
    list_filter = ["is_public", "service__service_type"]
    search_fields = ["name", "title", "email"]


class LocationViewSet(DirectoryViewSet):
    model = Location
    index_view_class = admin_views.ServiceChildIndexView
    icon = "site"
    menu_label = _("Locations")
    form_fields = [
        "school",
        "service",
        "name",
        "address",
        "town",
        "postcode",
        "accessibility",
        "is_public",
    ]
    list_display = ["__str__", "service", "postcode", BooleanColumn("is_public")]
    list_filter = ["is_public"]
    search_fields = ["name", "address", "postcode"]


class FeedSubscriptionViewSet(DirectoryViewSet):
    """The local authorities' Open Referral feeds the SENCO subscribes the directory to."""

    model = FeedSubscription
    icon = "download"
    menu_label = _("Feed subscriptions")
    form_fields = ["school", "name", "api_url", "show_to_parents"]
    list_display = ["name", "api_url", "synced_until"]
    inspect_view_fields = ["name", "api_url", "show_to_parents", "synced_until", "retry_ids"]


class SyncLogViewSet(SchoolRecordViewSet):
    """What each sync fetched, changed and could not use: read, never written, in the admin."""

    model = SyncLog
    icon = "history"
    menu_label = _("Sync log")
    form_fields = []
    # The feed is a filter, not a column: one query for the page, whatever its length.
    list_display = [
        "started_at",
        "outcome",
        "fetched",
        "created",
        "updated",
        "withdrawn",
    ]
    list_filter = ["outcome", "subscription"]
    inspect_view_fields = [
        "subscription",
        "started_at",
        "finished_at",
        "outcome",
        "fetched",
        "created",
        "updated",
        "unchanged",
        "withdrawn",
        "errors",
    ]


class DirectoryViewSetGroup(ModelViewSetGroup):
    menu_label = _("Service directory")
    menu_icon = "list-ul"
    items = (
        ServiceViewSet("directory_services", url_prefix="send/directory/services"),
        OrganisationViewSet("directory_organisations", url_prefix="send/directory/organisations"),
        ContactViewSet("directory_contacts", url_prefix="send/directory/contacts"),
        LocationViewSet("directory_locations", url_prefix="send/directory/locations"),
        FeedSubscriptionViewSet("directory_feeds", url_prefix="send/directory/feeds"),
        SyncLogViewSet("directory_sync_logs", url_prefix="send/directory/sync-logs"),
    )
