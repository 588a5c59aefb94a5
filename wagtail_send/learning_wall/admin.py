"""Admin viewsets: moderation list and CSV export of posts, and the rota (teams, half-terms,
themes)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn

from wagtail_send.viewsets import SchoolRecordViewSet

from .models import HalfTerm, Post, Team, Theme


class PostViewSet(SchoolRecordViewSet):
    model = Post
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
    add_view_enabled = False


class TeamViewSet(SchoolRecordViewSet):
    model = Team
    icon = "group"
    menu_label = _("Teams")
    url_prefix = "learning-wall/teams"
    form_fields = ["school", "name", "members"]
    list_display = ["name", "school"]
    search_fields = ["name"]


class HalfTermViewSet(SchoolRecordViewSet):
    model = HalfTerm
    icon = "date"
    menu_label = _("Half-terms and rota")
    url_prefix = "learning-wall/half-terms"
    form_fields = ["school", "name", "starts_on", "ends_on", "teams_due"]
    list_display = ["name", "starts_on", "ends_on", "school"]
    list_filter = ["school"]


class ThemeViewSet(SchoolRecordViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    url_prefix = "learning-wall/themes"
    form_fields = ["school", "title", "description", "starts_on", "ends_on"]
    list_display = ["title", "starts_on", "ends_on", "school"]
