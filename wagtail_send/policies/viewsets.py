"""The admin's list of principles of inclusion, which the inclusion strategy's activities serve."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from .strategy import InclusionPrinciple


class PrincipleViewSet(ModelViewSet):
    """The principles, shared by every school; changed by those with the model permission
    (superusers), since they are the DfE's wording and not a school's."""

    model = InclusionPrinciple
    name = "wagtail_send_inclusion_principles"
    url_prefix = "send/inclusion-principles"
    icon = "list-ul"
    menu_label = _("Principles of inclusion")
    add_to_settings_menu = True
    form_fields = ["name", "description", "source", "position", "in_use"]
    list_display = ["name", "source", "position", "in_use"]
    copy_view_enabled = False
