from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningWalksConfig(AppConfig):
    name = "wagtail_send.learning_walks"
    label = "wagtail_send_learning_walks"
    verbose_name = _("Learning walks")
    default_auto_field = "django.db.models.BigAutoField"
