from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSetGroup

from wagtail_send.viewsets import SchoolRecordViewSet

from .admin_forms import LearningWalkAdminForm
from .models import LearningWalk, ObservationTemplate


class ObservationTemplateViewSet(SchoolRecordViewSet):
    model = ObservationTemplate
    icon = "list-ul"
    menu_label = _("Observation templates")
    form_fields = [
        "school",
        "name",
        "teaching_prompts",
        "environment_prompts",
        "pupil_work_prompts",
        "pupil_voice_prompts",
    ]
    list_display = ["name", "school", "updated_at"]
    search_fields = ["name"]


class LearningWalkViewSet(SchoolRecordViewSet):
    """Walks in the admin. Planning, observing and the report are on the front end."""

    model = LearningWalk
    icon = "site"
    menu_label = _("Learning walks")
    form_fields = [
        "school",
        "title",
        "focus",
        "purpose",
        "date",
        "starts_at",
        "ends_at",
        "template",
        "change_reason",
    ]
    list_display = ["title", "date", "purpose", "school"]
    list_filter = ["purpose", "school"]
    search_fields = ["title", "focus"]

    def get_edit_handler(self):
        panels = [FieldPanel(name) for name in self.form_fields]
        return ObjectList(panels, base_form_class=LearningWalkAdminForm).bind_to_model(self.model)


class LearningWalksViewSetGroup(ModelViewSetGroup):
    menu_label = _("Learning walks")
    menu_icon = "site"
    items = (
        LearningWalkViewSet("learning_walks"),
        ObservationTemplateViewSet("observation_templates"),
    )


@hooks.register("register_admin_viewset")
def register_learning_walks():
    return LearningWalksViewSetGroup()
