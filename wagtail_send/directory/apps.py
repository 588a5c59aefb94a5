from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "wagtail_send.directory"
    label = "wagtail_send_directory"
    verbose_name = _("Service directory")
    default_auto_field = "django.db.models.BigAutoField"
