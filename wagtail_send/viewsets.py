"""Admin viewsets: schools, memberships, and the base every record viewset extends."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .forms import SchoolRecordForm
from .models import Membership, NeedType, School
from .views import records as views


class SchoolRecordViewSet(ModelViewSet):
    """A ModelViewSet whose every view asks the core permission policy per record.

    Listings show only what the person may see; deleting archives (with a restore
    view); the history view shows field-level changes from the audit history; the
    access view shows and changes per-record grants with their log.
    """

    index_view_class = views.RecordIndexView
    add_view_class = views.RecordCreateView
    edit_view_class = views.RecordEditView
    delete_view_class = views.RecordDeleteView
    inspect_view_class = views.RecordInspectView
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_edit_handler(self):
        panels = getattr(self, "panels", None) or [
            FieldPanel(name) for name in self.get_form_fields() or ()
        ]
        return ObjectList(panels, base_form_class=SchoolRecordForm).bind_to_model(self.model)

    def _record_view(self, view_class):
        return self.construct_view(view_class, model=self.model, viewset=self)

    def get_urlpatterns(self):
        replaced = {"history", "history_results"}
        return [p for p in super().get_urlpatterns() if p.name not in replaced] + [
            path("history/<str:pk>/", self._record_view(views.RecordHistoryView), name="history"),
            path("access/<str:pk>/", self._record_view(views.RecordAccessView), name="access"),
            path("restore/<str:pk>/", self._record_view(views.RecordRestoreView), name="restore"),
        ]

    def url(self, name, *args):
        from django.urls import reverse

        return reverse(self.get_url_name(name), args=args)


class SchoolViewSet(ModelViewSet):
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
        "site",
    ]
    list_display = ["name", "urn", "phase", "local_authority"]
    search_fields = ["name", "urn", "local_authority"]
    index_view_class = views.RecordIndexView
    edit_view_class = views.RecordEditView
    inspect_view_class = views.RecordInspectView
    inspect_view_enabled = True
    copy_view_enabled = False


class MembershipViewSet(ModelViewSet):
    model = Membership
    name = "wagtail_send_memberships"
    url_prefix = "send/memberships"
    icon = "group"
    menu_label = _("Memberships")
    form_fields = ["user", "school", "role", "job_title"]
    list_display = ["user", "role", "job_title", "school"]
    list_filter = ["role", "school"]
    search_fields = ["user__first_name", "user__last_name", "user__username", "job_title"]
    index_view_class = views.RecordIndexView
    edit_view_class = views.RecordEditView
    delete_view_class = views.MembershipDeleteView
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return (
            ObjectList(
                [FieldPanel(name) for name in self.form_fields], base_form_class=SchoolRecordForm
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
