from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "wagtail_send.policies"
    label = "wagtail_send_policies"
    verbose_name = _("SEND policies")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import post_page_move

        from ..privacy import register_personal_data
        from .models import SENDPolicyPage, SENInformationReportPage, follow_move

        # A policy's owner is named on it and emailed about reviews: subject access covers it.
        for model in (SENInformationReportPage, SENDPolicyPage):
            register_personal_data(model, "policy_owner")
            post_page_move.connect(follow_move, sender=model)
