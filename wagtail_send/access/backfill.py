"""Mark the grants made before grants recorded ``as_guest``, from the access log.

A grant counts whatever its holder's memberships only if it was made to a guest, and
until now only the access log said so. A grant the log does not mention stays a
member's grant: it counts while its holder is a member, never more.
"""

from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from ..roles import GRANTABLE_ACTIONS


def mark_guest_grants(app_label):
    """A ``RunPython`` function that marks ``app_label``'s guest grants."""

    def forwards(apps, schema_editor):
        AccessChange = apps.get_model("wagtail_send", "AccessChange")
        ContentType = apps.get_model("contenttypes", "ContentType")
        for grant_model in apps.get_app_config(app_label).get_models():
            field_names = {f.name for f in grant_model._meta.get_fields()}
            if not {"as_guest", "content_object", "permission"} <= field_names:
                continue
            record_model = grant_model._meta.get_field("content_object").related_model
            meta = record_model._meta
            content_type = ContentType.objects.filter(
                app_label=meta.app_label, model=meta.model_name
            ).first()
            if content_type is None:
                continue  # a fresh database: no grants yet
            for action in GRANTABLE_ACTIONS:
                latest = AccessChange.objects.filter(
                    kind="granted",
                    action=action,
                    content_type=content_type,
                    object_id=OuterRef("content_object_id"),
                    grantee_id=OuterRef("user_id"),
                ).order_by("-changed_at", "-pk")
                grant_model.objects.filter(
                    permission__codename=f"{action}_{meta.model_name}"
                ).update(as_guest=Coalesce(Subquery(latest.values("as_guest")[:1]), Value(False)))

    return forwards
