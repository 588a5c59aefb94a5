from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningWalksConfig(AppConfig):
    name = "wagtail_send.learning_walks"
    label = "wagtail_send_learning_walks"
    verbose_name = _("Learning walks")
    url_prefix = "learning-walks/"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail_send.privacy import (
            register_person_names,
            register_personal_data,
            register_read_logged,
        )

        from .models import AgreedAction, Feedback, LearningWalk, Observation, Visit, Walker

        # Feedback is about the member of staff visited: they may learn who else read it.
        register_read_logged(Feedback, "visit__staff_member")

        register_personal_data(LearningWalk, "signed_off_by")
        register_personal_data(Visit, "staff_member")
        register_personal_data(Walker, "user")
        register_personal_data(AgreedAction, "owner")
        # What was written about the member of staff whose lesson was visited.
        register_personal_data(Feedback, "visit__staff_member")
        register_personal_data(Observation, "visit__staff_member")
        register_person_names(Feedback, "went_well", "next_steps")
        register_person_names(Observation, "look_for_notes", "prompt_notes", "notes")
