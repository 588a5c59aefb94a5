from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningWalksConfig(AppConfig):
    name = "wagtail_send.learning_walks"
    label = "wagtail_send_learning_walks"
    verbose_name = _("Learning walks")
    url_prefix = "learning-walks/"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail_send.privacy import register_personal_data

        from .models import AgreedAction, LearningWalk, Visit, Walker

        register_personal_data(LearningWalk, "signed_off_by")
        register_personal_data(Visit, "staff_member")
        register_personal_data(Walker, "user")
        register_personal_data(AgreedAction, "owner")
