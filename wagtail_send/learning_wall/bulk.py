"""Bulk archive in the moderation list: Wagtail's bulk-action machinery, archiving
through the record queryset so every post gets its history row."""

from django.shortcuts import get_list_or_404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.bulk_action import BulkAction

from wagtail_send.audit.context import noting
from wagtail_send.views.records import admin_can, admin_visible

from .models import Post


class ArchivePostsBulkAction(BulkAction):
    display_name = _("Archive")
    action_type = "archive"
    aria_label = _("Archive selected posts")
    template_name = "wagtail_send/learning_wall/admin/confirm_bulk_archive.html"
    action_priority = 30
    models = [Post]
    classes = {"serious"}

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all" means all the person may archive, never every school's posts.
        return admin_visible(self.request, Post, ["delete"]).active().values_list("pk", flat=True)

    def get_queryset(self, model, object_ids):
        # Only posts the person may see here are named, even as ones they cannot archive.
        return get_list_or_404(admin_visible(self.request, Post, ["view"]), pk__in=object_ids)

    def check_perm(self, obj):
        return admin_can(self.request, "delete", obj)

    def object_context(self, obj):
        return {"item": obj}

    @classmethod
    def execute_action(cls, objects, **kwargs):
        with noting(str(_("Archived in bulk from the moderation list"))):
            count = Post.objects.filter(pk__in=[post.pk for post in objects]).delete()[0]
        return count, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d post archived. Posts can be restored from the archived list.",
            "%(count)d posts archived. Posts can be restored from the archived list.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
