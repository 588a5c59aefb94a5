from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningWallConfig(AppConfig):
    name = "wagtail_send.learning_wall"
    label = "wagtail_send_learning_wall"
    verbose_name = _("Learning wall")
    default_auto_field = "django.db.models.BigAutoField"
