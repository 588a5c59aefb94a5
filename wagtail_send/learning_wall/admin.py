"""Admin viewsets: moderation list and CSV export of posts, and the rota (teams, half-terms,
themes)."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, BulkActionsCheckboxColumn

from wagtail_send.views.records import RecordIndexView
from wagtail_send.viewsets import SchoolRecordViewSet

from .admin_forms import RotaForm
from .models import HalfTerm, Post, Team, Theme


class RotaViewSet(SchoolRecordViewSet):
    """Teams, half-terms and themes, with choices limited to one's own school."""

    def get_edit_handler(self):
        panels = [FieldPanel(name) for name in self.form_fields]
        return ObjectList(panels, base_form_class=RotaForm).bind_to_model(self.model)


class PostIndexView(RecordIndexView):
    """The moderation list: the core's filtered index, with checkboxes for bulk archive."""

    @cached_property
    def columns(self):
        return [BulkActionsCheckboxColumn("bulk_actions", obj_type="snippet"), *super().columns]

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("team", "created_by")


class PostViewSet(SchoolRecordViewSet):
    """Posts for the SENCO: moderate (hide), archive in bulk, export for CPD evidence."""

    model = Post
    index_view_class = PostIndexView
    index_template_name = "wagtail_send/learning_wall/admin/post_index.html"
    icon = "image"
    menu_label = _("Posts (moderation)")
    url_prefix = "learning-wall/posts"
    form_fields = ["kind", "title", "body", "team", "theme", "areas_of_need", "hidden"]
    list_display = ["title", "kind", "team", "created_by", "created_at", BooleanColumn("hidden")]
    list_filter = ["kind", "hidden", "team", "theme", "school"]
    search_fields = ["title", "body"]
    list_export = [
        "title",
        "kind",
        "team",
        "theme",
        "created_by",
        "created_at",
        "hidden",
        "school",
    ]
    export_filename = "learning-wall-posts"


class TeamViewSet(RotaViewSet):
    model = Team
    icon = "group"
    menu_label = _("Teams")
    url_prefix = "learning-wall/teams"
    form_fields = ["school", "name", "members"]
    list_display = ["name", "school"]
    search_fields = ["name"]


class HalfTermViewSet(RotaViewSet):
    model = HalfTerm
    icon = "date"
    menu_label = _("Half-terms and rota")
    url_prefix = "learning-wall/half-terms"
    form_fields = ["school", "name", "starts_on", "ends_on", "teams_due"]
    list_display = ["name", "starts_on", "ends_on", "school"]
    list_filter = ["school"]


class ThemeViewSet(RotaViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    url_prefix = "learning-wall/themes"
    form_fields = ["school", "title", "description", "starts_on", "ends_on"]
    list_display = ["title", "starts_on", "ends_on", "school"]
