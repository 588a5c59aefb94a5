from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "wagtail_send.policies"
    label = "wagtail_send_policies"
    verbose_name = _("SEND policies")
    default_auto_field = "django.db.models.BigAutoField"
