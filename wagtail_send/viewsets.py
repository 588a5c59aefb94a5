"""Admin viewsets: schools, memberships, and the base every record viewset extends."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .forms import MembershipForm, SchoolRecordForm
from .models import Membership, NeedType, School
from .views import records as views


class SchoolScopedViewSet(ModelViewSet):
    """A ModelViewSet whose every view asks the core permission policy per record, at
    the school the request is about (``get_current_school``).

    Listings and their filters show only what the person may see there; the usage and
    history views open only a record they may see, and the usage view names only
    records they may see; the history view shows field-level changes from the audit
    history.
    """

    index_view_class = views.RecordIndexView
    add_view_class = views.ScopedCreateView
    edit_view_class = views.RecordEditView
    inspect_view_class = views.RecordInspectView
    usage_view_class = views.RecordUsageView
    inspect_view_enabled = True
    copy_view_enabled = False
    #: The record pages besides Wagtail's own: ``(name, view class)``.
    record_pages = (("history", views.RecordHistoryView),)

    def _record_view(self, view_class):
        return self.construct_view(view_class, model=self.model, viewset=self)

    def get_urlpatterns(self):
        replaced = {"history", "history_results"}
        return [p for p in super().get_urlpatterns() if p.name not in replaced] + [
            path(f"{name}/<str:pk>/", self._record_view(view_class), name=name)
            for name, view_class in self.record_pages
        ]

    def url(self, name, *args):
        from django.urls import reverse

        return reverse(self.get_url_name(name), args=args)


class SchoolRecordViewSet(SchoolScopedViewSet):
    """The viewset every record model extends: deleting archives (with a restore view)
    and the access view shows and changes per-record grants with their log."""

    add_view_class = views.RecordCreateView
    delete_view_class = views.RecordDeleteView
    record_pages = (
        *SchoolScopedViewSet.record_pages,
        ("access", views.RecordAccessView),
        ("restore", views.RecordRestoreView),
    )

    def get_edit_handler(self):
        panels = getattr(self, "panels", None) or [
            FieldPanel(name) for name in self.get_form_fields() or ()
        ]
        return ObjectList(panels, base_form_class=SchoolRecordForm).bind_to_model(self.model)


class SchoolViewSet(SchoolScopedViewSet):
    model = School
    name = "wagtail_send_schools"
    url_prefix = "send/schools"
    icon = "home"
    menu_label = _("Schools")
    form_fields = [
        "name",
        "urn",
        "phase",
        "local_authority",
        "local_offer_url",
        "senco_name",
        "senco_email",
        "senco_phone",
        "senco_appointed_on",
        "senco_earlier_service",
        "senco_qualification",
        "senco_qualification_started",
        "senco_qualification_completed",
        "senco_on_slt",
        "site",
    ]
    list_display = ["name", "urn", "phase", "local_authority"]
    search_fields = ["name", "urn", "local_authority"]


class MembershipViewSet(SchoolScopedViewSet):
    model = Membership
    name = "wagtail_send_memberships"
    url_prefix = "send/memberships"
    icon = "group"
    menu_label = _("Memberships")
    form_fields = ["user", "school", "role", "job_title"]
    list_display = ["user", "role", "job_title", "school"]
    list_filter = ["role", "school"]
    search_fields = ["user__first_name", "user__last_name", "user__username", "job_title"]
    delete_view_class = views.MembershipDeleteView

    def get_form_class(self, for_update=False):
        return (
            ObjectList(
                [FieldPanel(name) for name in self.form_fields], base_form_class=MembershipForm
            )
            .bind_to_model(self.model)
            .get_form_class()
        )


class NeedTypeViewSet(ModelViewSet):
    """The census types of need, shared by every school; changed by superusers only."""

    model = NeedType
    name = "wagtail_send_need_types"
    url_prefix = "send/need-types"
    icon = "list-ul"
    menu_label = _("Types of need")
    form_fields = ["code", "name", "broad_area", "position", "in_use"]
    list_display = ["code", "name", "broad_area", "in_use"]
    list_filter = ["broad_area", "in_use"]
    copy_view_enabled = False


class SchoolsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Schools and roles")
    menu_icon = "home"
    items = (SchoolViewSet, MembershipViewSet, NeedTypeViewSet)
